// The receiving side, in its own process so the load generator's CPU does not delay handlers:
// N clients of one target (fanout-api.mjs or peer-api.mjs), all recording into one Recorder.
import { now } from '../lib/clock.mjs';
import { Recorder } from '../lib/recorder.mjs';
import { emit, serve } from '../lib/rpc.mjs';

let api;
let target;
let clients = [];
let recorder = null;

serve({
  async connect({ apiName, base, hub, count, event }) {
    api = await import(`../lib/${apiName}-api.mjs`);
    target = { base, hub };
    clients = await Promise.all(Array.from({ length: count }, (_, i) =>
      api.connect(base, hub, event, (envelope) => recorder?.record(i, envelope.data, now()))));
  },

  async join({ groups }) {
    for (const group of groups) await Promise.all(clients.map((client) => api.join(target.base, target.hub, client, group)));
  },

  expect({ run, count }) {
    recorder = new Recorder(run, count, clients.length, (at) => emit({ event: 'complete', run, at }));
  },

  progress: () => recorder?.receipts ?? 0,
  report: () => recorder.summary(),

  async close() {
    await Promise.all(clients.map((client) => client.close()));
    clients = [];
  },
});
