// The results as Markdown tables (printed, and easy to paste into a README).

const num = (x, digits = 0) => (x == null || !Number.isFinite(x) ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const rate = (x) => num(x, x != null && x < 10 ? 1 : 0);
const ms = (x) => num(x, 1);
// A latency percentile that falls among messages that never arrived (see stats.mjs).
const lat = (x, undelivered) => (x == null && undelivered ? 'undelivered' : ms(x));
const pct = (share) => (share == null ? '–' : `${Math.round(share * 100)}%`);
const ratio = (a, b) => (a && b ? num(a / b, a / b < 0.1 ? 3 : 2) : '–');
const table = (head, rows) => [
  `| ${head.join(' | ')} |`,
  `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ...rows.map((row) => `| ${row.join(' | ')} |`),
].join('\n');

export function markdown({ config, azurite, fanout, peer }) {
  const incomplete = (t) => (t.complete ? '' : ` (${t.ended}: ${t.deliveredToAll}/${t.count} in)`);
  const manyGroups = `${config.groups} groups (every client in all ${config.groups})`;
  const throughput = table(
    ['', 'FanOut local host', 'Socket.IO + SQLite peer', 'FanOut ÷ peer'],
    [
      ['one group', rate(fanout.oneGroup.perSecond) + incomplete(fanout.oneGroup), rate(peer.oneGroup.perSecond) + incomplete(peer.oneGroup), ratio(fanout.oneGroup.perSecond, peer.oneGroup.perSecond)],
      [manyGroups, rate(fanout.manyGroups.perSecond) + incomplete(fanout.manyGroups), rate(peer.manyGroups.perSecond) + incomplete(peer.manyGroups), ratio(fanout.manyGroups.perSecond, peer.manyGroups.perSecond)],
      ['publish answers (202) per s, one group', rate(fanout.oneGroup.publishPerSecond), rate(peer.oneGroup.publishPerSecond), ''],
      ['deepest delivery queue, one group / many groups', `${num(fanout.oneGroup.maxQueueDepth)} / ${num(fanout.manyGroups.maxQueueDepth)}`, 'no queue', ''],
      ['poisoned (given up, never delivered), one group / many groups', `${num(fanout.oneGroup.poisoned)} / ${num(fanout.manyGroups.poisoned)}`, 'no queue', ''],
      ['CPU of other processes on the machine, one group / many groups', `${pct(fanout.oneGroup.otherLoad)} / ${pct(fanout.manyGroups.otherLoad)}`, `${pct(peer.oneGroup.otherLoad)} / ${pct(peer.manyGroups.otherLoad)}`, ''],
    ]);

  const baseline = azurite.error ? `The baseline failed: ${azurite.error}` : table(
    ['Azurite queue, concurrency ' + config.concurrency, 'ops/s', 'Azurite CPU ms/op', 'other processes', 'FanOut one group ÷ this'],
    [
      ['put only', rate(azurite.putOnly.perSecond), ms(azurite.putOnly.azuriteCpuMsPerOp), pct(azurite.putOnly.otherLoad), ratio(fanout.oneGroup.perSecond, azurite.putOnly.perSecond)],
      [`put + receive + delete cycle (${azurite.cycle.producers} producers, ${azurite.cycle.consumers} consumers, receive ≤ ${azurite.cycle.batch})`,
        rate(azurite.cycle.perSecond), ms(azurite.cycle.azuriteCpuMsPerCycle), pct(azurite.cycle.otherLoad), ratio(fanout.oneGroup.perSecond, azurite.cycle.perSecond)],
    ]);

  const cpuRuns = [fanout.oneGroup, fanout.manyGroups, peer.oneGroup, peer.manyGroups];
  const cpuRow = (label, names) => [label, ...cpuRuns.map((run) => {
    const name = names.find((n) => run.cpuMsPerMessage[n] !== undefined);
    return name ? ms(run.cpuMsPerMessage[name]) : '–';
  })];
  const cpu = table(
    ['CPU ms per delivered message', 'FanOut one group', `FanOut ${config.groups} groups`, 'peer one group', `peer ${config.groups} groups`],
    [
      cpuRow('service (FanOut host / peer process)', ['host', 'peer']),
      cpuRow('SignalR Service stand-in (Azure SignalR Service\'s work on Azure)', ['signalR']),
      cpuRow('Azurite', ['azurite']),
      cpuRow(`receivers (${config.clients} clients, benchmark)`, ['receivers']),
      cpuRow('load generator (benchmark)', ['loadgen']),
    ]);

  const latencyRows = [];
  fanout.latency.forEach((f, i) => {
    for (const [label, r] of [['FanOut', f], ['peer', peer.latency[i]]]) {
      latencyRows.push([
        `${r.rate}/s`, label, rate(r.sentPerSecond), ms(r.publishAnswerMs.p99),
        ...['p50', 'p90', 'p99', 'max'].map((p) => lat(r.latencyMs[p], r.latencyMs.undelivered)),
        `${r.deliveredToAll}/${r.count}${r.poisoned ? ` (${r.poisoned} poisoned)` : ''}`,
        { complete: ms(r.drainMs), 'cut off': `cut off ${config.drainSeconds} s after the last 202`, stalled: `stalled (nothing for ${config.stallSeconds} s)` }[r.ended],
        `${lat(r.p50FirstQuarterMs, 1)} → ${lat(r.p50LastQuarterMs, 1)}`, pct(r.otherLoad),
      ]);
    }
  });
  const latency = table(
    ['offered', 'target', 'sent/s', 'POST answered p99', 'p50', 'p90', 'p99', 'max', 'to all clients', 'last arrival after last publish', 'p50 first ¼ → last ¼', 'other processes'],
    latencyRows);

  return [
    `### Throughput: ${config.count} messages, ${config.concurrency} concurrent publishers, ${config.clients} clients (messages/s until every client has every message)`,
    throughput,
    `### Baseline: Azurite ${azurite.version} raw queue rate${azurite.error ? '' : ` (${azurite.client}, ${azurite.message} messages)`}`,
    baseline,
    '### CPU per delivered message (counted once, not once per client), throughput runs',
    cpu,
    `### Latency at fixed offered rates: one group, ${config.clients} clients, ${config.latencySeconds} s each (ms from publish request start to client handler)`,
    latency,
    `Throughput runs are cut off ${config.throughputMaxSeconds} s after their first publish (the rate is then over what arrived), latency runs ${config.drainSeconds} s after their last publish was answered; `
      + 'a message that had not arrived by then counts as infinitely late ("undelivered" where a percentile falls among them).',
    `"other processes": CPU that processes outside the benchmark used during the run, as a share of all ${config.cores} cores; figures taken while it is high are disturbed.`,
  ].join('\n\n');
}
