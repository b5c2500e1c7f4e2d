// Types of fanout-client.js (hand-written; the library is plain JavaScript). See docs/client.md.
import type { IHttpConnectionOptions, LogLevel } from '@microsoft/signalr';

/** A stored message as clients receive it, live or from history. */
export interface Envelope<T = unknown> {
  /** Unique per message; the same in every group a message was sent to. */
  id: string;
  hub: string;
  /** The stream: a group, `~hub` (the whole hub) or `~user-{id}`. */
  group: string;
  /** 1, 2, 3, ... without gaps within an epoch. */
  offset: number;
  /** Names the history the offsets belong to; it changes only when that history is recreated. */
  epoch: string;
  event: string;
  data: T;
  /** When the service accepted it (ISO 8601). */
  sentAt: string;
  /** Connections it was not sent to; a client that had one of them never hands it on. */
  except?: string[];
}

export interface MessageMeta {
  /** The group it was handed on for (the first to bring it, for a message to several groups). */
  group: string;
  offset: number;
  epoch: string;
  /** True when it came from history (missed while away, or sent before joining), false when live. */
  fromHistory: boolean;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface StateInfo {
  /** 'start', 'lost', 'closed', 'offline' (a browser without network), 'stopped'. */
  reason: string;
  connectionId?: string | null;
  error?: Error;
}

/** The outcome of catching a group up (after each join and reconnect, and when a gap could not be filled). */
export interface Recovery {
  group: string;
  /** False when messages were lost to this client: the epoch changed, or history no longer held them. */
  recovered: boolean;
  /** How many messages came from history in this catch-up. */
  missed: number;
  reason?: 'epoch' | 'gap';
  /** join() before start(): the group is joined when the client connects. */
  pending?: boolean;
}

/** A room event: someone joined or left a group of a hub that announces it. */
export interface RoomEvent {
  hub: string;
  group: string;
  userId: string;
  at: string;
}

export interface Presence {
  group: string;
  users: { userId: string; connections: number }[];
}

export interface PublishReceipt {
  id: string;
  hub: string;
  group: string;
  groups?: string[];
  /** True when the service answered from an earlier attempt with the same Idempotency-Key. */
  replayed: boolean;
}

export interface PublishOptions {
  /** How many times to try again after a failure worth retrying (default 3). */
  retries?: number;
  /** How long each attempt waits for the service's answer, in ms (default 10000). */
  ackTimeout?: number;
  /** The key for this logical send (default: a random one, reused by every retry). */
  idempotencyKey?: string;
  /** Leave out this connection (the service sends to everyone else in the group). */
  exceptSelf?: boolean;
}

export interface HistoryPage {
  epoch: string | null;
  messages: Envelope[];
  next: number | null;
}

/** Anything with localStorage's getItem/setItem. */
export interface OffsetStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface FanOutClientOptions {
  /** Where the service is, e.g. `http://localhost:7071` (its API is under `/api`). */
  baseUrl: string;
  hub: string;
  /** Ask for this user id at negotiate (honoured only in Development, where the hub allows it). */
  userId?: string;
  /** A credential for negotiate (a JWT from the hub's issuer); anonymous when absent. */
  accessTokenFactory?: () => string | Promise<string>;
  /** Where to keep offsets between sessions (localStorage in a browser). */
  storage?: OffsetStorage;
  /** The storage key (default: base URL, hub and user id). */
  storageKey?: string;
  /** Pauses between reconnect attempts in ms; the last one repeats (default 0, 1000, 2000, 5000, 10000). */
  reconnectDelays?: number[];
  /** How many recent message ids are remembered to drop duplicates (default 10000). */
  recentIds?: number;
  /** @microsoft/signalr's own log level (default LogLevel.None: failures go to 'error' handlers). */
  logLevel?: LogLevel;
  serverTimeoutInMilliseconds?: number;
  keepAliveIntervalInMilliseconds?: number;
  /** More options for the SignalR connection (headers, transport, ...). */
  connectionOptions?: Omit<IHttpConnectionOptions, 'accessTokenFactory'>;
}

export declare class FanOutError extends Error {
  constructor(code: string, detail: string, cause?: unknown);
  /** The service's stable code (`forbidden`, `invalid_group`, `unavailable`, ...) or the client's (`timeout`, `disconnected`, `stopped`). */
  readonly code: string;
  readonly detail: string;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | null;
  /** Set on publish failures: how many attempts were made, and with which key. */
  attempts?: number;
  idempotencyKey?: string;
}

export declare class FanOutClient {
  constructor(options: FanOutClientOptions);

  readonly state: ConnectionState;
  readonly connectionId: string | null;
  readonly connectionIds: string[];
  readonly groups: Record<string, { offset: number; epoch: string | null }>;

  on(name: 'state', handler: (state: ConnectionState, info: StateInfo) => void): () => void;
  on(name: 'recovered', handler: (recovery: Recovery) => void): () => void;
  on(name: 'error', handler: (error: Error) => void): () => void;
  on(name: '$join' | '$leave', handler: (event: RoomEvent) => void): () => void;
  on<T = unknown>(event: string, handler: (envelope: Envelope<T>, meta: MessageMeta) => void): () => void;
  off(name: string, handler?: (...args: any[]) => void): void;

  start(): Promise<void>;
  stop(): Promise<void>;
  join(group: string, options?: { after?: number; timeout?: number }): Promise<Recovery>;
  leave(group: string, options?: { forget?: boolean }): Promise<void>;
  publish<T = unknown>(group: string | string[], event: string, data: T, options?: PublishOptions): Promise<PublishReceipt>;
  history(group: string, options?: { after?: number; limit?: number }): Promise<HistoryPage>;
  presence(group: string): Promise<Presence>;
}

/** The recovery core, for custom transports and tests. */
export declare class Sequencer {
  constructor(ports: {
    fetchHistory: (group: string, after: number) => Promise<HistoryPage>;
    deliver: (envelope: Envelope, meta: MessageMeta) => void;
    isExcluded?: (envelope: Envelope) => boolean;
    changed?: () => void;
  });
  track(group: string, position?: { offset?: number; epoch?: string | null }): unknown;
  untrack(group: string): void;
  receive(envelope: Envelope): Promise<Recovery | null>;
  fill(group: string): Promise<Recovery | null>;
  positions(): Record<string, { offset: number; epoch: string | null }>;
}
