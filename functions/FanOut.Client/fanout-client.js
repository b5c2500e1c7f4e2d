// FanOut's client for browsers and Node, over the official @microsoft/signalr client.
//
//   const client = new FanOutClient({ baseUrl: 'http://localhost:7071', hub: 'chat' });
//   client.on('message', (envelope, { group, fromHistory }) => render(envelope));
//   client.on('state', (state) => show(state));
//   client.on('recovered', ({ group, recovered, missed }) => ...);
//   await client.start();
//   await client.join('room');
//   await client.publish('room', 'message', { text: 'hi' }, { retries: 3, ackTimeout: 5000 });
//
// Every (re)connect re-joins the groups, reads each group's history after the last offset it handed on,
// merges that with live messages, and hands messages to the handlers in offset order, once. See
// docs/client.md for the whole contract.
import { Connection } from './src/connection.js';
import { Emitter } from './src/emitter.js';
import { FanOutError, toFanOutError } from './src/errors.js';
import { OffsetStore } from './src/offset-store.js';
import { publishWithRetries } from './src/publishing.js';
import { RecentIds } from './src/recent-ids.js';
import { Sequencer } from './src/sequencer.js';

export { FanOutError } from './src/errors.js';
export { Sequencer } from './src/sequencer.js';

/** Events of the client itself; every other name is a message event (the `event` of an envelope). */
const LIFECYCLE = new Set(['state', 'recovered', 'error']);

/** The largest history page the service answers over a connection. */
const HISTORY_PAGE = 100;

/** How many of the newest message ids are persisted with the offsets. */
const PERSISTED_IDS = 500;

export class FanOutClient {
  #options;
  #events = new Emitter();
  #connection;
  #sequencer;
  #store;
  #remembered;
  #connectionIds = new Set();
  #state = 'disconnected';
  #listening = new Set();

  /**
   * @param {import('./fanout-client').FanOutClientOptions} options
   */
  constructor(options) {
    if (!options?.baseUrl || !options?.hub) throw new TypeError('FanOutClient needs { baseUrl, hub }.');
    this.#options = { ...options, baseUrl: String(options.baseUrl).replace(/\/+$/, '') };
    const key = options.storageKey ?? `fanout:${this.#options.baseUrl}/${options.hub}${options.userId ? `#${options.userId}` : ''}`;
    this.#store = new OffsetStore(options.storage, key);
    const saved = this.#store.load();
    this.#remembered = new Map(Object.entries(saved.groups));
    this.#sequencer = new Sequencer({
      fetchHistory: (group, after) => this.history(group, { after, limit: HISTORY_PAGE }),
      deliver: (envelope, meta) => this.#events.emit(envelope.event, envelope, meta),
      isExcluded: (envelope) => Array.isArray(envelope.except) && envelope.except.some((id) => this.#connectionIds.has(id)),
      changed: () => this.#store.save(() => this.#snapshot()),
      seen: new RecentIds(options.recentIds ?? 10_000, saved.ids),
    });

    const query = options.userId ? `?userId=${encodeURIComponent(options.userId)}` : '';
    this.#connection = new Connection({
      url: `${this.#options.baseUrl}/api/hubs/${encodeURIComponent(options.hub)}${query}`,
      accessTokenFactory: options.accessTokenFactory,
      reconnectDelays: options.reconnectDelays,
      connectionOptions: options.connectionOptions,
      logLevel: options.logLevel,
      serverTimeoutInMilliseconds: options.serverTimeoutInMilliseconds,
      keepAliveIntervalInMilliseconds: options.keepAliveIntervalInMilliseconds,
      register: (hub) => this.#register(hub),
      connected: (hub) => this.#rejoin(hub),
      state: (state, info) => {
        this.#state = state;
        this.#events.emit('state', state, info);
      },
      error: (error) => this.#events.emit('error', error),
    });
  }

  /** 'connecting' | 'connected' | 'reconnecting' | 'disconnected' */
  get state() {
    return this.#state;
  }

  /** The current connection's id, or null. */
  get connectionId() {
    return this.#connection.current?.connectionId ?? null;
  }

  /** Every connection id this client has had (messages sent "to all but" any of them are skipped). */
  get connectionIds() {
    return [...this.#connectionIds];
  }

  /** The groups (and automatic streams) followed, with their positions. */
  get groups() {
    return this.#sequencer.positions();
  }

  /**
   * Handles a message event (the envelope's `event`, e.g. 'message'), a room event ('$join', '$leave'), or
   * the client's own 'state', 'recovered' and 'error'. Returns a function that removes the handler.
   */
  on(name, handler) {
    const off = this.#events.on(name, handler);
    if (!LIFECYCLE.has(name) && !this.#listening.has(name)) {
      this.#listening.add(name);
      const hub = this.#connection.current;
      if (hub) this.#listen(hub, name);
    }

    return off;
  }

  off(name, handler) {
    this.#events.off(name, handler);
  }

  /** Connects; resolves once connected and every group joined so far is re-joined and caught up. */
  start() {
    return this.#connection.start();
  }

  /** Disconnects for good and saves the positions. */
  async stop() {
    await this.#connection.stop();
    this.#store.flush();
  }

  /**
   * Joins a group as this client's user and catches up from the last offset handed on (persisted, or 0 for
   * the whole history; `after` overrides). Resolves to `{ group, recovered, missed, reason? }`. Before
   * start() it only records the group, which start() then joins. A refusal rejects and forgets the group;
   * a lost connection rejects too, but the group is joined on the next connect.
   */
  async join(group, { after, timeout = 30_000 } = {}) {
    const isNew = !this.#sequencer.get(group);
    const position = after === undefined ? this.#remembered.get(group) : { offset: after, epoch: null };
    this.#sequencer.track(group, position ?? { offset: 0, epoch: null });
    if (this.#state === 'disconnected') return { group, recovered: true, missed: 0, pending: true };
    try {
      const hub = await this.#connected(timeout);
      await hub.invoke('join', group);
    } catch (failure) {
      // Refused: forget the group. Not connected: it stays followed and is joined on the next connect.
      const error = toFanOutError(failure);
      if (isNew && !error.retryable) this.#sequencer.untrack(group);
      throw error;
    }

    return this.#catchUp(group);
  }

  /** Leaves a group. Its offset is remembered for a later join, unless `forget`. */
  async leave(group, { forget = false } = {}) {
    const stream = this.#sequencer.get(group);
    if (stream && !forget) this.#remembered.set(group, stream.position);
    if (forget) this.#remembered.delete(group);
    this.#sequencer.untrack(group);
    this.#store.save(() => this.#snapshot());
    const hub = this.#connection.current;
    if (hub) {
      try {
        await hub.invoke('leave', group);
      } catch (error) {
        throw toFanOutError(error);
      }
    }
  }

  /**
   * Publishes `data` as `event` to a group (or several: an array). One Idempotency-Key per call, reused by
   * every retry, so a retried publish is stored once. Resolves to the service's `{ id, hub, group, replayed }`.
   */
  publish(group, event, data, options = {}) {
    const body = Array.isArray(group) ? { groups: group, event, data } : { group, event, data };
    if (options.exceptSelf) body.exceptSelf = true;
    return publishWithRetries((timeoutMs) => this.#connected(timeoutMs), body, options);
  }

  /** One page of a group's history: `{ epoch, messages, next }` (at most 100 messages). */
  async history(group, { after = 0, limit = HISTORY_PAGE } = {}) {
    const hub = this.#connection.current;
    if (!hub) throw new FanOutError('disconnected', 'Not connected.');
    try {
      return await hub.invoke('history', { group, after, limit });
    } catch (error) {
      throw toFanOutError(error);
    }
  }

  /** Who is in a group: `{ group, users: [{ userId, connections }] }` (where the service offers it). */
  async presence(group) {
    const hub = this.#connection.current;
    if (!hub) throw new FanOutError('disconnected', 'Not connected.');
    try {
      return await hub.invoke('presence', { group });
    } catch (error) {
      throw toFanOutError(error);
    }
  }

  #register(hub) {
    for (const name of this.#listening) this.#listen(hub, name);
  }

  #listen(hub, name) {
    if (name.startsWith('$')) {
      // Room events ({hub, group, userId, at}) are not stored, so they pass straight through.
      hub.on(name, (payload) => this.#events.emit(name, payload));
    } else {
      hub.on(name, (envelope) => this.#receive(envelope));
    }
  }

  #receive(envelope) {
    this.#sequencer.receive(envelope).then(
      (outcome) => this.#reportLoss(outcome),
      (error) => this.#events.emit('error', toFanOutError(error)),
    );
  }

  #reportLoss(outcome) {
    if (outcome && !outcome.recovered) this.#events.emit('recovered', outcome);
  }

  /** After each connect: join every followed group again; then (after 'connected') catch each one up. */
  async #rejoin(hub) {
    if (hub.connectionId) this.#connectionIds.add(hub.connectionId);
    const groups = this.#sequencer.names();
    await Promise.all(groups.filter((g) => !g.startsWith('~')).map(async (group) => {
      try {
        await hub.invoke('join', group);
      } catch (error) {
        this.#events.emit('error', toFanOutError(error));
      }
    }));
    return () => Promise.all(groups.map((group) => this.#catchUp(group).catch((error) => this.#events.emit('error', toFanOutError(error)))));
  }

  async #catchUp(group) {
    const outcome = (await this.#sequencer.fill(group)) ?? { group, recovered: true, missed: 0 };
    this.#events.emit('recovered', outcome);
    return outcome;
  }

  async #connected(timeoutMs) {
    if (this.#state === 'connected' && this.#connection.current) return this.#connection.current;
    if (this.#state === 'disconnected') throw new FanOutError('disconnected', 'The client is not started.');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new FanOutError('disconnected', `Not connected within ${timeoutMs} ms.`));
      }, timeoutMs);
      const off = this.#events.on('state', (state) => {
        if (state === 'connected' && this.#connection.current) {
          clearTimeout(timer);
          off();
          resolve(this.#connection.current);
        } else if (state === 'disconnected') {
          clearTimeout(timer);
          off();
          reject(new FanOutError('disconnected', 'The client was stopped.'));
        }
      });
    });
  }

  #snapshot() {
    for (const [group, position] of Object.entries(this.#sequencer.positions())) this.#remembered.set(group, position);
    return { groups: Object.fromEntries(this.#remembered), ids: this.#sequencer.seen.newest(PERSISTED_IDS) };
  }
}
