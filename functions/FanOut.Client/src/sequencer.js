// The recovery core, free of any connection: live messages and history pages go in, and each
// stream's messages come out to the handlers in offset order, once. A live message beyond the next
// offset waits while the history fills the gap; what history no longer holds, or an epoch change,
// is reported as a loss (`recovered: false`) instead of being waited for forever.
import { GroupStream } from './group-stream.js';
import { RecentIds } from './recent-ids.js';

/** Streams every client is in without joining: the hub's and its user's. */
const isAutomaticStream = (name) => name.startsWith('~');

export class Sequencer {
  #streams = new Map();
  #fetchHistory;
  #deliver;
  #isExcluded;
  #changed;

  /**
   * @param {object} ports
   * @param {(group: string, after: number) => Promise<{epoch: string | null, messages: object[], next: number | null}>} ports.fetchHistory
   * @param {(envelope: object, meta: object) => void} ports.deliver  hands one message to the handlers
   * @param {(envelope: object) => boolean} [ports.isExcluded]  true when the message was not meant for this client
   * @param {() => void} [ports.changed]  a position moved (to persist it)
   * @param {RecentIds} [ports.seen]  ids already handed on
   */
  constructor({ fetchHistory, deliver, isExcluded = () => false, changed = () => {}, seen = new RecentIds() }) {
    this.#fetchHistory = fetchHistory;
    this.#deliver = deliver;
    this.#isExcluded = isExcluded;
    this.#changed = changed;
    this.seen = seen;
  }

  /** Starts following a stream from a position (0: from its beginning). */
  track(name, position) {
    const existing = this.#streams.get(name);
    if (existing) return existing;
    const stream = new GroupStream(name, position);
    this.#streams.set(name, stream);
    return stream;
  }

  untrack(name) {
    this.#streams.delete(name);
  }

  get(name) {
    return this.#streams.get(name);
  }

  names() {
    return [...this.#streams.keys()];
  }

  /** Positions of every stream, for persisting. */
  positions() {
    return Object.fromEntries([...this.#streams].map(([name, s]) => [name, s.position]));
  }

  /**
   * A live message. Returns a promise that settles when any history fetch it started is done
   * (resolving to that fetch's outcome, or null when none was needed).
   */
  receive(envelope) {
    if (!isEnvelope(envelope)) return Promise.resolve(null);
    let stream = this.#streams.get(envelope.group);
    if (!stream) {
      if (!isAutomaticStream(envelope.group)) return Promise.resolve(null);
      // First message of the hub's or the user's stream: follow it from here.
      stream = this.track(envelope.group, { offset: envelope.offset - 1, epoch: envelope.epoch });
    }

    if (stream.epoch !== null && envelope.epoch !== stream.epoch) {
      // A new epoch (or a stale message of an old one): history says which.
      return this.fill(stream.name);
    }

    if (envelope.offset <= stream.offset) return Promise.resolve(null);
    stream.epoch ??= envelope.epoch;
    if (!stream.pending.has(envelope.offset)) stream.pending.set(envelope.offset, { envelope, fromHistory: false });
    this.#drain(stream);
    if (stream.pending.size) return this.fill(stream.name);
    return stream.filling ?? Promise.resolve(null);
  }

  /**
   * Reads the stream's history after its offset and hands on what it holds, merged with what waits.
   * One fetch runs per stream at a time; asking again meanwhile makes it read once more at the end.
   * Resolves to `{ group, recovered, missed, reason? }`: `recovered` is false when messages were lost
   * (`reason` 'epoch': the history was recreated; 'gap': it no longer holds them).
   */
  fill(name) {
    const stream = this.#streams.get(name);
    if (!stream) return Promise.resolve(null);
    if (stream.filling) {
      stream.refill = true;
      return stream.filling;
    }

    stream.filling = this.#fillLoop(stream).finally(() => {
      stream.filling = null;
    });
    return stream.filling;
  }

  async #fillLoop(stream) {
    const outcome = { group: stream.name, recovered: true, missed: 0 };
    const lose = (reason) => {
      outcome.recovered = false;
      outcome.reason ??= reason;
    };
    do {
      stream.refill = false;
      let after = stream.offset;
      for (;;) {
        const page = await this.#fetchHistory(stream.name, after);
        if (this.#streams.get(stream.name) !== stream) return outcome;
        if (!page?.epoch) {
          // No history at all. If there was one, it is gone, and with it what we had not seen.
          if (stream.epoch !== null) {
            lose('epoch');
            stream.reset(null);
            this.#changed();
          }
          break;
        }

        if (stream.epoch !== null && page.epoch !== stream.epoch) {
          lose('epoch');
          const waiting = [...stream.pending.values()].filter((p) => p.envelope.epoch === page.epoch);
          stream.reset(page.epoch);
          for (const p of waiting) stream.pending.set(p.envelope.offset, p);
          this.#changed();
          if (after !== 0) {
            after = 0;
            continue;
          }
        }

        stream.epoch = page.epoch;
        const messages = (page.messages ?? []).filter((m) => isEnvelope(m) && m.epoch === page.epoch && m.offset > stream.offset);
        if (messages.length && messages[0].offset > stream.offset + 1 && !stream.pending.has(stream.offset + 1)) {
          // The history starts after our offset: what lay between is gone.
          lose('gap');
          this.#skipTo(stream, messages[0].offset - 1);
        }

        for (const envelope of messages) {
          if (!stream.pending.has(envelope.offset)) stream.pending.set(envelope.offset, { envelope, fromHistory: true });
        }

        outcome.missed += this.#drain(stream, true);
        if (page.next === null || page.next === undefined || page.next <= after) break;
        after = page.next;
      }

      // Live messages still waiting beyond a hole the history could not fill.
      const first = stream.firstPending();
      if (first !== null && first > stream.offset + 1) {
        lose('gap');
        this.#skipTo(stream, first - 1);
        outcome.missed += this.#drain(stream, true);
      }
    } while (stream.refill);
    return outcome;
  }

  #skipTo(stream, offset) {
    stream.offset = offset;
    for (const waiting of [...stream.pending.keys()]) if (waiting <= offset) stream.pending.delete(waiting);
    this.#changed();
  }

  /** Hands on every waiting message that is next in line; returns how many came from history. */
  #drain(stream, countHistory = false) {
    let fromHistory = 0;
    for (let next = stream.pending.get(stream.offset + 1); next; next = stream.pending.get(stream.offset + 1)) {
      stream.pending.delete(stream.offset + 1);
      stream.offset += 1;
      if (next.fromHistory && countHistory) fromHistory += 1;
      this.#handOn(stream, next.envelope, next.fromHistory);
    }

    for (const waiting of [...stream.pending.keys()]) if (waiting <= stream.offset) stream.pending.delete(waiting);
    this.#changed();
    return fromHistory;
  }

  #handOn(stream, envelope, fromHistory) {
    // Once per id (a message to several groups arrives once per group), and never one sent "to all but" us.
    if (this.seen.has(envelope.id)) return;
    this.seen.add(envelope.id);
    if (this.#isExcluded(envelope)) return;
    this.#deliver(envelope, { group: stream.name, offset: envelope.offset, epoch: envelope.epoch, fromHistory });
  }
}

function isEnvelope(value) {
  return value !== null && typeof value === 'object'
    && typeof value.id === 'string' && typeof value.group === 'string' && typeof value.event === 'string'
    && Number.isSafeInteger(value.offset) && value.offset >= 1 && typeof value.epoch === 'string';
}
