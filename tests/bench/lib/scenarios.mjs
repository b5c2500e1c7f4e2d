// The two scenarios run against each target (FanOut, the Socket.IO peer) with the same load
// generator (this process) and receivers (workers/receivers.mjs).
// A target is { api, base, pids, otherPids, queue? }: `pids` are the processes whose CPU is
// reported per message, `otherPids` the benchmark's other processes (not counted as foreign load),
// `queue` (FanOut only) reads its delivery and poison queues' depths.
import { now, sleep } from './clock.mjs';
import { cpuMeter, otherLoadMeter, quietMachine } from './cpu.mjs';
import { closedLoop, openLoop } from './load.mjs';

const hub = 'bench';
const event = 'bench';
let runs = 0;

/** N messages as fast as the target accepts them at `concurrency`; done when every client has every message. */
export async function throughput(target, receivers, { count, concurrency, groupCount, stallSeconds, quietSeconds }) {
  const run = `t${++runs}`;
  const groups = Array.from({ length: groupCount }, (_, i) => `${run}-g${i}`);
  await receivers.call('join', { groups }); // every client in every group
  const { load, summary, cpu, otherLoad, maxQueueDepth, poisoned } = await measure(target, receivers, { run, count, stallSeconds, quietSeconds }, (send) =>
    closedLoop({ count, concurrency, send: (seq) => send(groups[seq % groupCount], seq) }));

  const end = summary.completeAt ?? summary.lastArrival;
  const delivered = summary.deliveredToAll;
  return {
    count, concurrency, groups: groupCount, clients: summary.clients,
    complete: summary.completeAt !== null,
    perSecond: (delivered * 1000) / (end - load.start),
    publishPerSecond: load.sentPerSecond,
    publishErrors: load.errors, firstPublishError: load.firstError, publishAnswerMs: load.answerMs,
    // CPU per message delivered, counted once however many clients got it.
    cpuMsPerMessage: Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, ms / Math.max(1, summary.deliveredToAny)])),
    maxQueueDepth, poisoned, otherLoad,
    ...pick(summary, 'receipts', 'duplicates', 'deliveredToAll', 'latencyMs'),
  };
}

/** `rate` messages per second for `seconds` to one group: latency from publish start to client handler. */
export async function latencyAtRate(target, receivers, { rate, seconds, stallSeconds, quietSeconds }) {
  const run = `r${++runs}`;
  const group = `${run}-g0`;
  await receivers.call('join', { groups: [group] });
  const { load, summary, otherLoad, maxQueueDepth, poisoned } = await measure(target, receivers, { run, count: Math.round(rate * seconds), stallSeconds, quietSeconds },
    (send) => openLoop({ rate, seconds, send: (seq) => send(group, seq) }));
  return {
    rate, seconds, count: load.count, clients: summary.clients,
    sentPerSecond: (load.count * 1000) / (load.lastStart - load.start),
    publishErrors: load.errors, firstPublishError: load.firstError, publishAnswerMs: load.answerMs, maxInFlight: load.maxInFlight,
    // How long the last arrival trailed the last publish: near the latency when keeping up,
    // growing with the run's length when a backlog builds.
    drainMs: summary.lastArrival === null ? null : summary.lastArrival - load.lastStart,
    maxQueueDepth, poisoned, otherLoad,
    ...pick(summary, 'receipts', 'duplicates', 'deliveredToAll', 'latencyMs', 'p50FirstQuarterMs', 'p50LastQuarterMs'),
  };
}

async function measure(target, receivers, { run, count, stallSeconds, quietSeconds }, offerLoad) {
  await quietMachine({ ...target.otherPids, ...target.pids }, { maxSeconds: quietSeconds });
  await receivers.call('expect', { run, count });
  const poisonedBefore = await target.queue?.poisoned();
  let completed = false;
  const stopListening = receivers.onEvent((e) => { if (e.event === 'complete' && e.run === run) completed = true; });
  const depth = sampleQueueDepth(target);
  const cpu = cpuMeter({ ...target.otherPids, ...target.pids });
  const otherLoad = otherLoadMeter();

  const send = (group, seq) => target.api.publish(target.base, hub, group, event, { t: now(), seq, run });
  const load = await offerLoad(send);
  await untilDelivered(receivers, () => completed, stallSeconds);
  const used = cpu();
  const others = otherLoad(Object.values(used).reduce((a, b) => a + b, 0));
  const maxQueueDepth = await depth.stop();
  stopListening();
  const summary = await receivers.call('report');
  await sleep(1000); // let the target finish its own follow-up work (queue deletes) before the next run
  // Messages the queue trigger gave up on (maxDequeueCount failures): never delivered.
  const poisoned = target.queue ? (await target.queue.poisoned()) - poisonedBefore : null;
  return { load, summary, cpu: pick(used, ...Object.keys(target.pids)), otherLoad: others, maxQueueDepth, poisoned };
}

/** Until every client has every message, or nothing new arrived for `stallSeconds`. */
async function untilDelivered(receivers, completed, stallSeconds) {
  let receipts = -1;
  let changedAt = Date.now();
  while (!completed()) {
    const latest = await receivers.call('progress');
    if (latest !== receipts) [receipts, changedAt] = [latest, Date.now()];
    else if (Date.now() - changedAt > stallSeconds * 1000) return;
    await sleep(50);
  }
}

/** The deepest the target's delivery queue got, sampled twice a second (FanOut only). */
function sampleQueueDepth(target) {
  if (!target.queue) return { stop: async () => null };
  let max = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      max = Math.max(max, await target.queue.depth().catch(() => 0)); // a sample, not worth failing over
      await sleep(500);
    }
  })();
  return { stop: async () => { running = false; await sampling; return max; } };
}

const pick = (object, ...keys) => Object.fromEntries(keys.map((key) => [key, object[key]]));
