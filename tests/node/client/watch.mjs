// Test helpers: a client that records what it hands out, and waiting for it.
import { FanOutClient } from '../../../functions/FanOut.Client/fanout-client.js';

/** A FanOutClient whose messages, states, recoveries and errors are recorded. */
export function watchedClient(options, events = ['message']) {
  const client = new FanOutClient({ reconnectDelays: [0, 200, 500], ...options });
  const seen = { messages: [], states: [], recovered: [], errors: [] };
  for (const event of events) client.on(event, (envelope, meta) => seen.messages.push({ ...meta, id: envelope.id, data: envelope.data }));
  client.on('state', (state, info) => seen.states.push(`${state}:${info?.reason ?? ''}`));
  client.on('recovered', (outcome) => seen.recovered.push(outcome));
  client.on('error', (error) => seen.errors.push(error));
  return { client, seen };
}

/** Waits until `probe()` is truthy; fails with `what` after `timeoutMs`. */
export async function eventually(probe, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** An in-memory localStorage. */
export class MemoryStorage {
  #items = new Map();

  getItem(key) {
    return this.#items.has(key) ? this.#items.get(key) : null;
  }

  setItem(key, value) {
    this.#items.set(key, String(value));
  }

  removeItem(key) {
    this.#items.delete(key);
  }
}
