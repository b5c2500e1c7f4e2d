// FanOut benchmark: the local host end to end, Azurite's raw queue rate under it, and a
// Socket.IO + SQLite peer doing the same job. Reports figures; never fails because a machine is slow.
//   bash tests/bench/run.sh [--quick]      (installs and builds, then runs this file)
//   node tests/bench/bench.mjs --report [file.json]   (prints the tables of an earlier run)
import { QueueServiceClient } from '@azure/storage-queue';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { azuriteBaseline } from './lib/azurite-baseline.mjs';
import * as fanoutApi from './lib/fanout-api.mjs';
import * as peerApi from './lib/peer-api.mjs';
import { forkWorker, stop, stopAll } from './lib/processes.mjs';
import { markdown } from './lib/report.mjs';
import { rpc } from './lib/rpc.mjs';
import { latencyAtRate, throughput } from './lib/scenarios.mjs';
import { startAzurite, startFanOut, startPeer } from './lib/services.mjs';

const quick = process.argv.includes('--quick');
const config = {
  quick,
  cores: os.availableParallelism(),
  count: quick ? 300 : 3000, // messages per throughput run (and per Azurite baseline run)
  warmup: quick ? 1000 : 3000, // messages of each unreported first round per target (JIT, connection pools)
  concurrency: 16, // publishers in flight (and Azurite producers)
  clients: 10,
  groups: 50,
  rates: [50, 100, 200],
  latencySeconds: quick ? 5 : 20,
  throughputMaxSeconds: quick ? 60 : 180, // cut a throughput run off after this long
  drainSeconds: quick ? 20 : 60, // cut a latency run off this long after its last publish
  stallSeconds: 30, // give up waiting when nothing has arrived for this long
  settleSeconds: 30, // before a run, wait this long for FanOut's queue to empty, then clear it
  quietSeconds: quick ? 5 : 30, // before each run, wait up to this long for other processes to calm down
  queueConsumers: 16,
  receiveBatch: 32,
};
const log = (line) => console.log(line);
const resultsFile = new URL('./results/latest.json', import.meta.url);

if (process.argv.includes('--report')) {
  const file = process.argv[process.argv.indexOf('--report') + 1] ?? resultsFile;
  log(markdown(JSON.parse(readFileSync(file, 'utf8'))));
  process.exit(0);
}
const deliveryQueue = 'fanout-deliveries'; // FanOutNames.DeliveryQueue

let interrupted = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    interrupted = true;
    log(`\n${signal}: stopping every process the benchmark started`);
    stopAll().then(() => process.exit(code));
  });
}

try {
  log(`== FanOut benchmark${quick ? ' (--quick)' : ''}: ${os.cpus().length} cores, Node ${process.version}`);
  log('Each service runs in its own process on a free loopback port. FanOut runs as on Azure, in three');
  log('processes: Azurite (in memory), the SignalR Service stand-in and the local host (Release build); the');
  log('Azurite baseline has an Azurite of its own. The Socket.IO + SQLite peer is one process. The load');
  log('generator is this process; the clients run in a receivers process. Timestamps: performance.timeOrigin + now().');

  const peer = await startPeer();
  const loadgen = process.pid;
  log(`Started the peer: pid ${peer.pid} (${peer.base})`);

  log(`\n== Azurite baseline: ${config.count} puts, then ${config.count} put+receive+delete cycles (after ${config.warmup} of each unreported)`);
  const azurite = await startAzurite();
  // A failed baseline (say, Azurite overwhelmed on a busy machine) leaves its cells empty; the rest still runs.
  const baseline = await azuriteBaseline({
    connectionString: azurite.connectionString, azuritePids: azurite.pids, count: config.count, warmup: config.warmup,
    concurrency: config.concurrency, consumers: config.queueConsumers, batch: config.receiveBatch,
    quietSeconds: config.quietSeconds,
  }).catch((error) => ({ error: error.message }));
  await stop(...azurite.pids);
  baseline.version = JSON.parse(readFileSync(new URL('../../functions/azurite/node_modules/azurite/package.json', import.meta.url))).version;
  log(baseline.error
    ? `baseline failed: ${baseline.error}`
    : `put only ${baseline.putOnly.perSecond.toFixed(0)}/s; cycles ${baseline.cycle.perSecond.toFixed(0)}/s (${baseline.client})`);

  const services = await startFanOut();
  log(`Started FanOut: host pid ${services.pids.host} (${services.base}), SignalR stand-in pid ${services.pids.signalR}, Azurite pids ${services.pids.azurite.join(', ')}`);
  const queues = QueueServiceClient.fromConnectionString(services.connectionString);
  const depth = async (name) => (await queues.getQueueClient(name).getProperties()).approximateMessagesCount;
  const fanout = await runTarget('fanout', fanoutApi, {
    base: services.base,
    pids: { ...services.pids, loadgen },
    otherPids: { ...services.pids, peer: peer.pid, loadgen },
    queue: {
      depth: () => depth(deliveryQueue),
      poisoned: () => depth(`${deliveryQueue}-poison`).catch(() => 0),
      clear: () => queues.getQueueClient(deliveryQueue).clearMessages(),
    },
  });
  const peerResults = await runTarget('peer', peerApi, {
    base: peer.base, pids: { peer: peer.pid, loadgen }, otherPids: { ...services.pids, peer: peer.pid, loadgen },
  });

  const results = { config, azurite: baseline, fanout, peer: peerResults };
  log('\n== Results\n');
  log(markdown(results));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify({ date: new Date().toISOString(), machine: machine(), ...results }, null, 2));
  log(`\nJSON: tests/bench/results/latest.json`);
} catch (error) {
  if (!interrupted) console.error(`\nbenchmark stopped: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}

async function runTarget(apiName, api, target) {
  target.api = api;
  log(`\n== ${api.label}: ${config.clients} clients`);
  const receivers = rpc(forkWorker(`${apiName} receivers`, new URL('./workers/receivers.mjs', import.meta.url)));
  target.pids.receivers = receivers.pid;
  await receivers.call('connect', { apiName, base: target.base, hub: 'bench', count: config.clients, event: 'bench' });

  const { concurrency, stallSeconds, quietSeconds, settleSeconds } = config;
  const common = { stallSeconds, quietSeconds, settleSeconds };
  const flood = (count, groupCount, options = common) =>
    throughput(target, receivers, { count, concurrency, groupCount, maxSeconds: config.throughputMaxSeconds, ...options });
  // Both shapes warm up: with one group only, the JIT was still compiling a few hundred methods during the
  // measured 50-group run.
  for (const groupCount of [1, config.groups]) {
    log(`warm-up, ${groupCount} group(s) (not reported): ${describe(await flood(config.warmup, groupCount, { ...common, quietSeconds: 0 }))}`);
  }
  const oneGroup = await flood(config.count, 1);
  log(`one group: ${describe(oneGroup)}`);
  const manyGroups = await flood(config.count, config.groups);
  log(`${config.groups} groups: ${describe(manyGroups)}`);

  const latency = [];
  for (const rate of config.rates) {
    const result = await latencyAtRate(target, receivers, { rate, seconds: config.latencySeconds, drainSeconds: config.drainSeconds, ...common });
    latency.push(result);
    const { p50, p99, max } = result.latencyMs;
    log(`${rate}/s for ${config.latencySeconds} s: p50 ${p50 ?? 'undelivered'} p99 ${p99 ?? 'undelivered'} max ${max ?? 'undelivered'} ms, `
      + `${result.deliveredToAll}/${result.count} to all (${result.ended}), last arrival ${result.drainMs?.toFixed(0)} ms after last publish; `
      + `other processes ${percent(result.otherLoad)}${errors(result)}`);
  }
  await receivers.call('close');
  receivers.close();
  return { label: api.label, oneGroup, manyGroups, latency };
}

function describe(run) {
  const cpu = Object.entries(run.cpuMsPerMessage).map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ');
  return `${run.perSecond.toFixed(1)}/s delivered (${run.deliveredToAll}/${run.count} to all ${run.clients} clients, ${run.ended}), `
    + `published ${run.publishPerSecond.toFixed(0)}/s; CPU ms/msg: ${cpu}`
    + `; other processes ${percent(run.otherLoad)} of the machine${errors(run)}`;
}

function percent(share) {
  return `${(share * 100).toFixed(0)}%`;
}

function errors(run) {
  return (run.publishErrors ? `; ${run.publishErrors} publish errors, first: ${run.firstPublishError}` : '')
    + (run.duplicates ? `; ${run.duplicates} duplicate deliveries` : '')
    + (run.poisoned ? `; ${run.poisoned} messages poisoned` : '');
}

function machine() {
  const tryRun = (command, args) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  return {
    cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version, dotnet: tryRun('dotnet', ['--version']), commit: tryRun('git', ['rev-parse', 'HEAD']),
  };
}
