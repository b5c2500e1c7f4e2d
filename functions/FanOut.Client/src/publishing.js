// Publishing over the connection like Socket.IO's emit with `retries` and `ackTimeout`: each attempt
// waits at most ackTimeout for the service's answer; a failure worth retrying (timeout, connection lost,
// service unavailable, rate limited) is tried again with the same Idempotency-Key, so the message is
// stored once however many attempts reached the service.
import { FanOutError, toFanOutError } from './errors.js';

/** A fresh Idempotency-Key (crypto.getRandomValues works outside secure contexts too). */
export function newIdempotencyKey() {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * @param {(timeoutMs: number) => Promise<import('@microsoft/signalr').HubConnection>} connected
 * @param {object} body  the publish argument without the key
 * @param {{retries?: number, ackTimeout?: number, idempotencyKey?: string}} options
 */
export async function publishWithRetries(connected, body, { retries = 3, ackTimeout = 10_000, idempotencyKey = newIdempotencyKey() } = {}) {
  const request = { ...body, idempotencyKey };
  for (let attempt = 0; ; attempt++) {
    const started = Date.now();
    try {
      const hub = await connected(ackTimeout);
      const left = Math.max(1, ackTimeout - (Date.now() - started));
      return await withTimeout(hub.invoke('publish', request), left);
    } catch (failure) {
      const error = toFanOutError(failure);
      if (attempt >= retries || !error.retryable) {
        error.attempts = attempt + 1;
        error.idempotencyKey = idempotencyKey;
        throw error;
      }

      const wait = error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : Math.min(250 * 2 ** attempt, 5000);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new FanOutError('timeout', `No answer within ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
