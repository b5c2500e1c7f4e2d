// Errors the service answers carry a stable code: invocations reject with "code: detail" (the local
// SignalR stand-in prefixes "... HubException: "), HTTP answers are problem details with a `code`.

/** Codes worth another try with the same Idempotency-Key. */
const RETRYABLE = new Set(['unavailable', 'rate_limited', 'idempotency_key_in_use', 'timeout', 'disconnected']);

export class FanOutError extends Error {
  /**
   * @param {string} code a stable code (`forbidden`, `unavailable`, `timeout`, `disconnected`, ...)
   * @param {string} detail what happened, for people
   * @param {unknown} [cause] the underlying error
   */
  constructor(code, detail, cause) {
    super(`${code}: ${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'FanOutError';
    this.code = code;
    this.detail = detail;
  }

  /** Whether sending the same request again may succeed. */
  get retryable() {
    return RETRYABLE.has(this.code);
  }

  /** Seconds the service asked to wait (rate limits say "retry in N s"), or null. */
  get retryAfterSeconds() {
    const match = /retry in (\d+(?:\.\d+)?) s/i.exec(this.detail);
    return match ? Number(match[1]) : null;
  }
}

const CODED = /(?:^|HubException: )([a-z][a-z0-9_]*): ([\s\S]*)$/;

/** The FanOutError an invocation failure stands for. */
export function toFanOutError(error) {
  if (error instanceof FanOutError) return error;
  const message = String(error?.message ?? error);
  const coded = CODED.exec(message);
  if (coded) return new FanOutError(coded[1], coded[2], error);
  // The SignalR client's own failures: the connection went away under the call, or there is none.
  if (/connection (was )?(closed|stopped|disconnected|is not in the 'Connected' State)|Invocation canceled|WebSocket closed|not in the 'Connected' State/i.test(message)) {
    return new FanOutError('disconnected', message, error);
  }
  return new FanOutError('failed', message, error);
}
