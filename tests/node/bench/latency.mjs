// Publish -> receive latency through the whole pipeline (HTTP, queue, table, SignalR) as a real
// @microsoft/signalr client sees it. Reports figures; asserts nothing.
//   node tests/node/bench/latency.mjs [baseUrl=http://localhost:7071] [count=300]
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';

const base = process.argv[2] ?? 'http://localhost:7071';
const count = Number(process.argv[3] ?? 300);
const group = `bench-${Date.now()}`;

const connection = new HubConnectionBuilder()
  .withUrl(`${base}/api/hubs/bench`)
  .configureLogging(LogLevel.Warning)
  .build();
const pending = new Map();
connection.on('ping', (envelope) => pending.get(envelope.data.i)?.(performance.now()));
await connection.start();
const joined = await fetch(`${base}/api/hubs/bench/groups/${group}/connections/${connection.connectionId}`, { method: 'PUT' });
if (joined.status !== 204) throw new Error(`join failed: ${joined.status}`);

const latencies = [];
const started = performance.now();
for (let i = 0; i < count; i++) {
  const received = new Promise((resolve) => pending.set(i, resolve));
  const sent = performance.now();
  const response = await fetch(`${base}/api/hubs/bench/groups/${group}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'ping', data: { i } }),
  });
  if (response.status !== 202) throw new Error(`publish failed: ${response.status}`);
  latencies.push((await received) - sent);
}
const seconds = (performance.now() - started) / 1000;
await connection.stop();

latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
console.log(`${count} sequential publishes to one group, POST to client handler (ms):`);
console.log(`  p50 ${at(0.5)}  p90 ${at(0.9)}  p99 ${at(0.99)}  max ${at(1)}  (${(count / seconds).toFixed(0)} round trips/s)`);
