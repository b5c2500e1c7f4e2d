// A Socket.IO + SQLite peer doing FanOut's job in one Node process, to compare against:
//   POST /api/hubs/:hub/groups/:group/messages {"event","data"} -> one row in SQLite with the
//   room's next gapless offset -> io.to(room).emit(event, envelope) -> 202 {id, hub, group}.
// Clients join a room by emitting `join` {hub, group} (acknowledged with 'ok').
//   PORT=8080 DB_PATH=/tmp/peer.db node tests/bench/peer/server.mjs
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import Database from 'better-sqlite3';
import { Server } from 'socket.io';

const db = new Database(process.env.DB_PATH ?? ':memory:');
// WAL with synchronous=NORMAL: commits survive a process crash, not a power cut (the usual
// WAL setting; FanOut runs over in-memory Azurite here, which survives neither).
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`
  CREATE TABLE IF NOT EXISTS heads (room TEXT PRIMARY KEY, head INTEGER NOT NULL, epoch TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS messages (
    room TEXT NOT NULL, offset INTEGER NOT NULL, id TEXT NOT NULL, event TEXT NOT NULL,
    data TEXT NOT NULL, sent_at TEXT NOT NULL, PRIMARY KEY (room, offset)) WITHOUT ROWID;`);
const nextHead = db.prepare(`INSERT INTO heads (room, head, epoch) VALUES (?, 1, ?)
  ON CONFLICT (room) DO UPDATE SET head = head + 1 RETURNING head, epoch`);
const insert = db.prepare('INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?)');
// One transaction per message; better-sqlite3 is synchronous, so offsets cannot interleave.
const append = db.transaction((room, id, event, data, sentAt) => {
  const { head, epoch } = nextHead.get(room, randomUUID());
  insert.run(room, head, id, event, data, sentAt);
  return { offset: head, epoch };
});

const route = /^\/api\/hubs\/([A-Za-z][A-Za-z0-9_]{0,63})\/groups\/([A-Za-z0-9_][A-Za-z0-9_.~-]{0,127})\/messages$/;
const maxBodyBytes = 48 * 1024;

const server = http.createServer((req, res) => {
  const answer = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'GET' && req.url === '/health') return answer(200, { status: 'healthy' });
  const match = req.method === 'POST' && route.exec(req.url);
  if (!match) return answer(404, { code: 'not_found' });

  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > maxBodyBytes) req.destroy();
    else chunks.push(chunk);
  });
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString());
    } catch {
      return answer(400, { code: 'malformed_json' });
    }
    if (typeof body?.event !== 'string') return answer(400, { code: 'missing_event' });

    const hub = match[1].toLowerCase();
    const group = match[2];
    const room = `${hub}/${group}`;
    const id = randomUUID();
    const sentAt = new Date().toISOString();
    const { offset, epoch } = append(room, id, body.event, JSON.stringify(body.data ?? null), sentAt);
    io.to(room).emit(body.event, { id, hub, group, offset, epoch, event: body.event, data: body.data, sentAt });
    answer(202, { id, hub, group });
  });
});

const io = new Server(server, { serveClient: false });
io.on('connection', (socket) => {
  socket.on('join', ({ hub, group } = {}, ack) => {
    socket.join(`${String(hub).toLowerCase()}/${group}`);
    ack?.('ok');
  });
});

server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1');
process.on('SIGTERM', () => {
  io.close();
  db.close();
  process.exit(0);
});
