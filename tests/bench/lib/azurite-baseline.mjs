// The floor under FanOut: what Azurite itself does with a Storage queue, through the Node SDK,
// with FanOut-sized messages. Producers run here, consumers in workers/queue-consumers.mjs.
import { QueueServiceClient } from '@azure/storage-queue';
import { createRequire } from 'node:module';
import { cpuMeter, otherLoadMeter, quietMachine } from './cpu.mjs';
import { closedLoop } from './load.mjs';
import { forkWorker } from './processes.mjs';
import { rpc } from './rpc.mjs';

const sdkVersion = createRequire(import.meta.url)('@azure/storage-queue/package.json').version;
export const client = `@azure/storage-queue ${sdkVersion} (Node SDK, default retry policy)`;

// About the size of a FanOut delivery message: base64 of a ~300-byte JSON envelope.
const text = Buffer.from(JSON.stringify({ pad: 'x'.repeat(280) })).toString('base64');

export async function azuriteBaseline({ connectionString, azuritePids, count, warmup, concurrency, consumers, batch, quietSeconds }) {
  const service = QueueServiceClient.fromConnectionString(connectionString);
  // Unreported first rounds: a cold Azurite (JIT, first allocations) is about twice as slow.
  await putOnlyRun(service, azuritePids, warmup, concurrency, 0);
  await cycleRun(service, connectionString, azuritePids, { count: warmup, concurrency, consumers, batch, quietSeconds: 0 });
  const putOnly = await putOnlyRun(service, azuritePids, count, concurrency, quietSeconds);
  const cycle = await cycleRun(service, connectionString, azuritePids, { count, concurrency, consumers, batch, quietSeconds });
  return { client, message: `${text.length} characters`, putOnly, cycle };
}

async function putOnlyRun(service, azuritePids, count, concurrency, quietSeconds) {
  const queue = service.getQueueClient(`bench-put-${Date.now()}`);
  await queue.create();
  await quietMachine({ azurite: azuritePids, loadgen: process.pid }, { maxSeconds: quietSeconds });
  const cpu = cpuMeter({ azurite: azuritePids, loadgen: process.pid });
  const otherLoad = otherLoadMeter();
  const load = await closedLoop({ count, concurrency, send: () => queue.sendMessage(text) });
  const used = cpu();
  const others = otherLoad(used.azurite + used.loadgen);
  await queue.delete();
  return {
    count, concurrency, perSecond: load.sentPerSecond, errors: load.errors, putMs: load.answerMs,
    azuriteCpuMsPerOp: used.azurite / count, otherLoad: others,
  };
}

async function cycleRun(service, connectionString, azuritePids, { count, concurrency, consumers, batch, quietSeconds }) {
  const queueName = `bench-cycle-${Date.now()}`;
  const queue = service.getQueueClient(queueName);
  await queue.create();
  const worker = rpc(forkWorker('queue consumers', new URL('../workers/queue-consumers.mjs', import.meta.url)));
  const consumed = new Promise((resolve) => worker.onEvent((event) => event.event === 'consumed' && resolve(event)));

  await quietMachine({ azurite: azuritePids, loadgen: process.pid, consumers: worker.pid }, { maxSeconds: quietSeconds });
  const cpu = cpuMeter({ azurite: azuritePids, loadgen: process.pid, consumers: worker.pid });
  const otherLoad = otherLoadMeter();
  await worker.call('start', { connectionString, queueName, count, consumers, batch });
  const load = await closedLoop({ count, concurrency, send: () => queue.sendMessage(text) });
  const done = await consumed;
  const used = cpu();
  const others = otherLoad(used.azurite + used.loadgen + used.consumers);
  worker.close();
  await queue.delete();
  if (done.error) throw new Error(`queue consumers failed: ${done.error}`);
  return {
    count, producers: concurrency, consumers, batch,
    perSecond: (count * 1000) / (done.at - load.start),
    putPerSecondWhileConsuming: load.sentPerSecond,
    receives: done.receives, emptyReceives: done.emptyReceives, redelivered: done.redelivered,
    azuriteCpuMsPerCycle: used.azurite / count, otherLoad: others,
  };
}
