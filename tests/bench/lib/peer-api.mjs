// The Socket.IO + SQLite peer's API (peer/server.mjs), with the same four exports as fanout-api.mjs.
import { io } from 'socket.io-client';
import { expectStatus } from './http.mjs';

export const label = 'Socket.IO + SQLite peer';

/** WebSocket only, as the SignalR client ends up using: no long-polling start and upgrade. */
export async function connect(base, hub, event, handler) {
  const socket = io(base, { transports: ['websocket'], reconnection: false });
  socket.on(event, handler);
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, id: socket.id, close: async () => socket.close() };
}

export async function join(base, hub, client, group) {
  const answer = await client.socket.timeout(10_000).emitWithAck('join', { hub, group });
  if (answer !== 'ok') throw new Error(`join ${hub}/${group}: ${answer}`);
}

export async function publish(base, hub, group, event, data) {
  await expectStatus(202, 'POST', `${base}/api/hubs/${hub}/groups/${group}/messages`, { event, data });
}
