// A real @microsoft/signalr client driven by the test suite (tests/FanOut.Testing/SignalR/NodeSignalRClient.cs).
//
// Usage: node signalr-client.mjs '<json config>'
//   config: { "url": string,            // hub URL, e.g. http://127.0.0.1:P/client/?hub=chat, or an app
//                                        // negotiate base answering {url, accessToken} (redirect)
//             "accessToken"?: string,   // sent as Bearer on negotiate/connect (accessTokenFactory)
//             "headers"?: {name: value},// extra HTTP headers (negotiate and long polling)
//             "targets"?: [string],     // client methods to listen to from the start
//             "transport"?: "WebSockets" | "ServerSentEvents" | "LongPolling" }
// stdout, one JSON object per line:
//   {"type":"connected","connectionId":...}   {"type":"error","message":...,"statusCode":...}
//   {"type":"message","target":...,"args":[...]}   {"type":"subscribed","target":...}
//   {"type":"closed","error":...}
//   {"type":"invoked","id":...,"result":...}   {"type":"invokeFailed","id":...,"message":...}
// stdin, one JSON command per line: {"cmd":"on","target":"chat"}  {"cmd":"stop"}
//   {"cmd":"invoke","id":"1","method":"join","args":["room"]}   (a client event the server answers)
import { createInterface } from 'node:readline';
import { HubConnectionBuilder, HttpTransportType, LogLevel } from '@microsoft/signalr';

const config = JSON.parse(process.argv[2] ?? '{}');
const emit = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const stderrLogger = {
  log(level, message) {
    if (level >= LogLevel.Warning) process.stderr.write(`[signalr ${LogLevel[level]}] ${message}\n`);
  },
};

const options = { headers: config.headers ?? {} };
if (config.accessToken) options.accessTokenFactory = () => config.accessToken;
if (config.transport) options.transport = HttpTransportType[config.transport];

const connection = new HubConnectionBuilder().withUrl(config.url, options).configureLogging(stderrLogger).build();
const listening = new Set();
const listen = (target) => {
  if (listening.has(target)) return;
  listening.add(target);
  connection.on(target, (...args) => emit({ type: 'message', target, args }));
};
for (const target of config.targets ?? []) listen(target);

let exiting = false;
const exit = (code) => {
  if (exiting) return;
  exiting = true;
  // Let stdout drain before leaving.
  process.stdout.write('', () => process.exit(code));
};

connection.onclose((error) => {
  emit({ type: 'closed', error: error ? String(error.message ?? error) : null });
  exit(0);
});

createInterface({ input: process.stdin }).on('line', async (line) => {
  if (!line.trim()) return;
  let command;
  try {
    command = JSON.parse(line);
  } catch {
    emit({ type: 'error', message: `not JSON: ${line}` });
    return;
  }
  if (command.cmd === 'on') {
    listen(command.target);
    emit({ type: 'subscribed', target: command.target });
  } else if (command.cmd === 'invoke') {
    try {
      const result = await connection.invoke(command.method, ...(command.args ?? []));
      emit({ type: 'invoked', id: command.id, result: result ?? null });
    } catch (error) {
      emit({ type: 'invokeFailed', id: command.id, message: String(error?.message ?? error) });
    }
  } else if (command.cmd === 'stop') {
    await connection.stop();
  } else {
    emit({ type: 'error', message: `unknown command: ${command.cmd}` });
  }
}).on('close', () => connection.stop());

try {
  await connection.start();
  emit({ type: 'connected', connectionId: connection.connectionId });
} catch (error) {
  // A refused negotiate surfaces as FailedToNegotiateWithServerError, whose message holds "Status code '401'".
  const message = String(error?.message ?? error);
  const statusCode = error?.statusCode ?? error?.innerError?.statusCode
    ?? (Number(/Status code '(\d+)'/.exec(message)?.[1]) || null);
  emit({ type: 'error', message, statusCode });
  exit(1);
}
