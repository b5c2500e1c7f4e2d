// Two ways to offer load. `send(seq)` does one request and resolves when it is answered.
import { now, sleep } from './clock.mjs';
import { percentiles } from './stats.mjs';

/** As fast as possible: `concurrency` loops, each sending the next message once its last is answered. */
export async function closedLoop({ count, concurrency, send }) {
  const tally = new Tally();
  let next = 0;
  const start = now();
  const loop = async () => {
    while (next < count) await tally.time(send, next++);
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return tally.result(start, count);
}

/** At a fixed rate (open loop): message i is started at start + i/rate whether or not earlier ones were answered. */
export async function openLoop({ rate, seconds, send }) {
  const tally = new Tally();
  const count = Math.round(rate * seconds);
  const inFlight = new Set();
  let maxInFlight = 0;
  const start = now();
  for (let seq = 0; seq < count; seq++) {
    await sleep(start + (seq * 1000) / rate - now()); // a late timer catches up at once
    const answered = tally.time(send, seq);
    inFlight.add(answered);
    answered.finally(() => inFlight.delete(answered));
    maxInFlight = Math.max(maxInFlight, inFlight.size);
  }
  await Promise.all(inFlight);
  return { ...tally.result(start, count), maxInFlight };
}

class Tally {
  answerMs = [];
  errors = 0;
  firstError = null;
  lastStart = 0;

  async time(send, seq) {
    const started = (this.lastStart = now());
    try {
      await send(seq);
      this.answerMs.push(now() - started);
    } catch (error) {
      this.errors++;
      this.firstError ??= error.message;
    }
  }

  result(start, count) {
    const end = now();
    return {
      count, start, lastStart: this.lastStart, end,
      sentPerSecond: (count * 1000) / (end - start),
      errors: this.errors, firstError: this.firstError,
      answerMs: percentiles(this.answerMs), // publish request -> its 202
    };
  }
}
