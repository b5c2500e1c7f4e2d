// The two scenarios run against each target (FanOut, the Socket.IO peer) with the same load
// generator (this process) and receivers (workers/receivers.mjs).
// A target is { api, base, pids, otherPids, queue? }: `pids` are the processes whose CPU is
// reported per message, `otherPids` the benchmark's other processes (not counted as foreign load),
// `queue` (FanOut only) reads its delivery and poison queues' depths and can clear the former.
// Options: stallSeconds (give up when nothing arrives for so long), quietSeconds (see quietMachine),
// settleSeconds (wait for an empty delivery queue before a run, then clear what is left).
import { now, sleep } from './clock.mjs';
import { cpuMeter, otherLoadMeter, quietMachine } from './cpu.mjs';
import { closedLoop, openLoop } from './load.mjs';

const hub = 'bench';
const event = 'bench';
let runs = 0;

/**
 * N messages as fast as the target accepts them at `concurrency`; done when every client has every
 * message, or cut off `maxSeconds` after the first publish (the rate is then over what arrived).
 */
export async function throughput(target, receivers, { count, concurrency, groupCount, maxSeconds, ...options }) {
  const run = `t${++runs}`;
  const groups = Array.from({ length: groupCount }, (_, i) => `${run}-g${i}`);
  await receivers.call('join', { groups }); // every client in every group
  const { load, summary, ended, cpu, otherLoad, maxQueueDepth, poisoned } = await measure(target, receivers, { run, count, ...options },
    (send) => closedLoop({ count, concurrency, send: (seq) => send(groups[seq % groupCount], seq) }),
    (load) => load.start + maxSeconds * 1000);

  const end = summary.completeAt ?? summary.lastArrival;
  const delivered = summary.deliveredToAll;
  return {
    count, concurrency, groups: groupCount, clients: summary.clients,
    complete: summary.completeAt !== null, ended,
    perSecond: delivered ? (delivered * 1000) / (end - load.start) : 0,
    publishPerSecond: load.sentPerSecond,
    publishErrors: load.errors, firstPublishError: load.firstError, publishAnswerMs: load.answerMs,
    // CPU per message delivered, counted once however many clients got it.
    cpuMsPerMessage: Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, ms / Math.max(1, summary.deliveredToAny)])),
    maxQueueDepth, poisoned, otherLoad,
    ...pick(summary, 'receipts', 'duplicates', 'deliveredToAll', 'latencyMs'),
  };
}

/**
 * `rate` messages per second for `seconds` to one group: latency from publish start to client
 * handler. Cut off `drainSeconds` after the last publish was answered; what has not arrived by then counts as
 * undelivered (and as infinitely late in the percentiles).
 */
export async function latencyAtRate(target, receivers, { rate, seconds, drainSeconds, ...options }) {
  const run = `r${++runs}`;
  const group = `${run}-g0`;
  await receivers.call('join', { groups: [group] });
  const { load, summary, ended, otherLoad, maxQueueDepth, poisoned } = await measure(target, receivers, { run, count: Math.round(rate * seconds), ...options },
    (send) => openLoop({ rate, seconds, send: (seq) => send(group, seq) }),
    (load) => load.end + drainSeconds * 1000);
  return {
    rate, seconds, count: load.count, clients: summary.clients, ended,
    sentPerSecond: (load.count * 1000) / (load.lastStart - load.start),
    publishErrors: load.errors, firstPublishError: load.firstError, publishAnswerMs: load.answerMs, maxInFlight: load.maxInFlight,
    // How long the last arrival trailed the last publish: near the latency when keeping up,
    // growing with the run's length when a backlog builds.
    drainMs: summary.lastArrival === null ? null : summary.lastArrival - load.lastStart,
    maxQueueDepth, poisoned, otherLoad,
    ...pick(summary, 'receipts', 'duplicates', 'deliveredToAll', 'latencyMs', 'p50FirstQuarterMs', 'p50LastQuarterMs'),
  };
}

async function measure(target, receivers, { run, count, stallSeconds, quietSeconds, settleSeconds }, offerLoad, deadlineOf) {
  await settle(target, settleSeconds);
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
  const ended = await untilDelivered(receivers, () => completed, stallSeconds, deadlineOf(load));
  const used = cpu();
  const others = otherLoad(Object.values(used).reduce((a, b) => a + b, 0));
  const maxQueueDepth = await depth.stop();
  stopListening();
  const summary = await receivers.call('report');
  await sleep(1000); // let the target finish its own follow-up work (queue deletes) before the next run
  // Messages the queue trigger gave up on (maxDequeueCount failures): never delivered.
  const poisoned = target.queue ? (await target.queue.poisoned()) - poisonedBefore : null;
  return { load, summary, ended, cpu: pick(used, ...Object.keys(target.pids)), otherLoad: others, maxQueueDepth, poisoned };
}

/** Until every client has every message ('complete'), the deadline ('cut off'), or `stallSeconds` without an arrival ('stalled'). */
async function untilDelivered(receivers, completed, stallSeconds, deadline) {
  let receipts = -1;
  let changedAt = now();
  while (!completed()) {
    if (now() > deadline) return 'cut off';
    const latest = await receivers.call('progress');
    if (latest !== receipts) [receipts, changedAt] = [latest, now()];
    else if (now() - changedAt > stallSeconds * 1000) return 'stalled';
    await sleep(50);
  }
  return 'complete';
}

/**
 * Runs must not overlap: wait for the target's delivery queue to empty (what an earlier run left,
 * cut off or not), and after `settleSeconds` clear it. Messages in flight then still finish.
 */
async function settle(target, settleSeconds) {
  if (!target.queue) return;
  const deadline = now() + settleSeconds * 1000;
  // A busy Azurite may time out a depth read: that is a reason to wait, not to stop.
  while ((await target.queue.depth().catch(() => 1)) > 0) {
    if (now() > deadline) {
      await target.queue.clear().catch(() => {});
      await sleep(2000);
      return;
    }
    await sleep(500);
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
