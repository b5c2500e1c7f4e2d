// Diagnostic, not part of the benchmark: how many Azurite operations FanOut makes per delivered
// message, to one group and spread over many, read from Azurite's --debug request log (which
// slows Azurite down, hence a separate script). Needs `bash tests/bench/run.sh` to have installed
// and built once.
//   node tests/bench/azurite-ops.mjs [count=300] [concurrency=16]
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sleep } from './lib/clock.mjs';
import * as api from './lib/fanout-api.mjs';
import { closedLoop } from './lib/load.mjs';
import { stopAll, tempDir } from './lib/processes.mjs';
import { startFanOut } from './lib/services.mjs';

const count = Number(process.argv[2] ?? 300);
const concurrency = Number(process.argv[3] ?? 16);
const log = path.join(tempDir('fanout-azurite-ops-'), 'azurite.log');

try {
  const host = await startFanOut(['--debug', log]);
  const received = new Set();
  const client = await api.connect(host.base, 'ops', 'bench', (envelope) => { received.add(envelope.data.seq); });

  console.log(`Azurite operations per delivered message (${count} messages, ${concurrency} concurrent publishers):`);
  for (const groupCount of [1, 50]) {
    const groups = Array.from({ length: groupCount }, (_, i) => `ops${groupCount}-${i}`);
    for (const group of groups) await api.join(host.base, 'ops', client, group);
    received.clear();
    const logStart = await settledSize(log);
    await closedLoop({ count, concurrency, send: (seq) => api.publish(host.base, 'ops', groups[seq % groupCount], 'bench', { seq }) });
    while (received.size < count) await sleep(100);

    const logEnd = await settledSize(log);
    const text = readFileSync(log).subarray(logStart, logEnd).toString(); // byte offsets
    const operations = {};
    for (const [, name] of text.matchAll(/DispatchMiddleware: Operation=(\w+)/g)) operations[name] = (operations[name] ?? 0) + 1;
    // A $batch answers 202 even when its changeset failed; the inner status is in the body.
    const headConflicts = [...text.matchAll(/Raw response string is .*?HTTP\/1\.1 412/g)].length;
    const perMessage = (n) => (n / count).toFixed(2);
    console.log(`\n${groupCount === 1 ? 'one group' : `${groupCount} groups`}: ${perMessage(Object.values(operations).reduce((a, b) => a + b, 0))} in all`);
    for (const [name, n] of Object.entries(operations)) console.log(`  ${name.padEnd(45)} ${perMessage(n)}`);
    console.log(`  ${'of the batches, refused with 412 (head moved)'.padEnd(45)} ${perMessage(headConflicts)}`);
  }
  await client.close();
} finally {
  await stopAll();
}

/** The log's size once it has stopped growing: the last deletes are done and Azurite's buffered writes flushed. */
async function settledSize(file) {
  let size = -1;
  for (;;) {
    await sleep(1000);
    const now = statSync(file).size;
    if (now === size) return size;
    size = now;
  }
}
