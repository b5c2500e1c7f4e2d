// What the receivers saw of one run: for each (client, seq) the first arrival's latency
// (arrival - the publish request's start, data.t), duplicates, and when every client had it all.
import { percentiles } from './stats.mjs';

export class Recorder {
  constructor(run, count, clients, onComplete) {
    Object.assign(this, { run, count, clients, onComplete });
    this.latency = new Float64Array(count * clients).fill(NaN);
    this.perClient = new Uint32Array(clients);
    this.completeClients = 0;
    this.receipts = 0;
    this.duplicates = 0;
    this.firstArrival = null;
    this.lastArrival = null;
    this.completeAt = null;
  }

  record(client, data, at) {
    if (data?.run !== this.run) return; // a late or repeated delivery from an earlier run
    const slot = client * this.count + data.seq;
    if (!Number.isNaN(this.latency[slot])) {
      this.duplicates++;
      return;
    }
    this.latency[slot] = at - data.t;
    this.receipts++;
    this.firstArrival ??= at;
    this.lastArrival = at;
    if (++this.perClient[client] === this.count && ++this.completeClients === this.clients) {
      this.completeAt = at;
      this.onComplete(at);
    }
  }

  summary() {
    const { count, clients, latency } = this;
    let toAll = 0;
    let toAny = 0;
    for (let seq = 0; seq < count; seq++) {
      let got = 0;
      for (let c = 0; c < clients; c++) if (!Number.isNaN(latency[c * count + seq])) got++;
      if (got === clients) toAll++;
      if (got > 0) toAny++;
    }
    // Every (client, message) pair counts; one that never arrived counts as Infinity.
    const arrived = (value) => (Number.isNaN(value) ? Infinity : value);
    // Latency of the first and the last quarter of the messages: a growing backlog shows as a rise.
    const quarter = (from, to) => {
      const values = [];
      for (let c = 0; c < clients; c++) {
        for (let seq = from; seq < to; seq++) values.push(arrived(latency[c * count + seq]));
      }
      return percentiles(values).p50;
    };
    return {
      expected: count, clients, receipts: this.receipts, duplicates: this.duplicates,
      deliveredToAll: toAll, deliveredToAny: toAny,
      firstArrival: this.firstArrival, lastArrival: this.lastArrival, completeAt: this.completeAt,
      latencyMs: percentiles(latency.map(arrived)),
      p50FirstQuarterMs: quarter(0, Math.floor(count / 4)),
      p50LastQuarterMs: quarter(count - Math.floor(count / 4), count),
    };
  }
}

