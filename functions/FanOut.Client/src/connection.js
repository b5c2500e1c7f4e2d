// One SignalR connection at a time, kept up: a new HubConnection for every (re)connect, through the
// service's negotiate endpoint (a fresh token, and for an anonymous client a fresh user id), retried with
// growing pauses; in a browser it drops the connection when the network goes offline and comes back
// when it is online again, as Engine.IO does.
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { FanOutError } from './errors.js';

const DEFAULT_DELAYS = [0, 1000, 2000, 5000, 10000];

export class Connection {
  #options;
  #stopped = true;
  #running = null;
  #current = null;
  #wake = null;
  #connectedOnce = false;

  /**
   * @param {object} options
   * @param {string} options.url  the hub URL on the app (`{base}/api/hubs/{hub}`), negotiated with POST url/negotiate
   * @param {() => string | Promise<string>} [options.accessTokenFactory]
   * @param {number[]} [options.reconnectDelays]  pauses between attempts, the last one repeated
   * @param {object} [options.connectionOptions]  more IHttpConnectionOptions (headers, transport, ...)
   * @param {number} [options.logLevel]  @microsoft/signalr LogLevel (default None)
   * @param {number} [options.serverTimeoutInMilliseconds]
   * @param {number} [options.keepAliveIntervalInMilliseconds]
   * @param {(hub: import('@microsoft/signalr').HubConnection) => void} options.register  adds the client methods
   * @param {(hub: import('@microsoft/signalr').HubConnection) => Promise<(() => Promise<void>) | void>} options.connected
   *   after each connect, before 'connected'; may return a task to run after it
   * @param {(state: string, info: object) => void} options.state
   * @param {(error: Error) => void} options.error
   */
  constructor(options) {
    this.#options = options;
  }

  /** The live HubConnection, or null. */
  get current() {
    return this.#current;
  }

  /** Connects, and keeps connecting until stop(); resolves after the first connect, rejects on a refusal. */
  start() {
    if (!this.#stopped) return this.#running.first;
    this.#stopped = false;
    let resolve, reject;
    const first = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    first.catch(() => {});
    this.#running = { first, resolve, reject, loop: null };
    this.#running.loop = this.#run(this.#running);
    return first;
  }

  async stop() {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#wake?.();
    const running = this.#running;
    await this.#current?.stop();
    await running?.loop;
    running?.reject(new FanOutError('stopped', 'The client was stopped.'));
  }

  async #run(running) {
    const { state, error, connected } = this.#options;
    let attempt = 0;
    let reason = 'start';
    state('connecting', { reason });
    while (!this.#stopped) {
      if (isOffline()) {
        state(this.#connectedOnce ? 'reconnecting' : 'connecting', { reason: 'offline' });
        await this.#pause(null);
        continue;
      }

      const hub = this.#build();
      try {
        await hub.start();
      } catch (failure) {
        const status = statusOf(failure);
        if (status === 401 || status === 403 || status === 404) {
          const refused = new FanOutError(status === 404 ? 'not_found' : status === 401 ? 'unauthorized' : 'forbidden',
            `The service refused the connection (HTTP ${status}): ${failure?.message ?? failure}`, failure);
          error(refused);
          running.reject(refused);
          this.#stopped = true;
          break;
        }

        error(new FanOutError('disconnected', `Could not connect: ${failure?.message ?? failure}`, failure));
        await this.#pause(this.#delay(attempt++));
        continue;
      }

      if (this.#stopped) {
        await hub.stop();
        break;
      }

      attempt = 0;
      this.#current = hub;
      this.#connectedOnce = true;
      const closed = new Promise((resolve) => hub.onclose((e) => resolve(e)));
      const offline = onOffline(() => hub.stop());
      try {
        // Joins first (then the connection is usable), catch-up after 'connected'.
        const thenCatchUp = await connected(hub);
        state('connected', { reason, connectionId: hub.connectionId });
        await thenCatchUp?.();
      } catch (failure) {
        error(failure);
      }

      running.resolve();
      const closeError = await closed;
      offline.dispose();
      this.#current = null;
      reason = isOffline() ? 'offline' : closeError ? 'lost' : 'closed';
      if (!this.#stopped) state('reconnecting', { reason, error: closeError });
    }

    this.#current = null;
    state('disconnected', { reason: 'stopped' });
  }

  #build() {
    const o = this.#options;
    const builder = new HubConnectionBuilder()
      .withUrl(o.url, {
        ...o.connectionOptions,
        // Always a factory: without one the SignalR client would send the service's token of the previous
        // connection to the app's negotiate endpoint.
        accessTokenFactory: async () => (await o.accessTokenFactory?.()) ?? '',
      })
      // Failures reach the client's 'error' handlers; SignalR's own log only when asked for.
      .configureLogging(o.logLevel ?? LogLevel.None);
    const hub = builder.build();
    if (o.serverTimeoutInMilliseconds) hub.serverTimeoutInMilliseconds = o.serverTimeoutInMilliseconds;
    if (o.keepAliveIntervalInMilliseconds) hub.keepAliveIntervalInMilliseconds = o.keepAliveIntervalInMilliseconds;
    o.register(hub);
    return hub;
  }

  #delay(attempt) {
    const delays = this.#options.reconnectDelays ?? DEFAULT_DELAYS;
    const base = delays[Math.min(attempt, delays.length - 1)];
    return base + Math.floor(Math.random() * base * 0.2);
  }

  /** Waits `ms` (null: until online), or less when stop() is called or the browser comes online. */
  #pause(ms) {
    return new Promise((resolve) => {
      const timer = ms === null ? null : setTimeout(done, ms);
      const online = onOnline(done);
      this.#wake = done;
      function done() {
        if (timer !== null) clearTimeout(timer);
        online.dispose();
        resolve();
      }
    });
  }
}

function statusOf(error) {
  const status = error?.statusCode ?? error?.innerError?.statusCode
    ?? Number(/Status code '(\d+)'/.exec(String(error?.message ?? ''))?.[1]);
  return Number.isFinite(status) ? status : null;
}

const hasWindowEvents = () => typeof globalThis.addEventListener === 'function' && typeof globalThis.navigator === 'object';

function isOffline() {
  return hasWindowEvents() && globalThis.navigator.onLine === false;
}

function listen(name, callback) {
  if (!hasWindowEvents()) return { dispose() {} };
  globalThis.addEventListener(name, callback);
  return { dispose: () => globalThis.removeEventListener(name, callback) };
}

const onOffline = (callback) => listen('offline', callback);
const onOnline = (callback) => listen('online', callback);
