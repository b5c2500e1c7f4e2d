// Keeps each stream's position (offset and epoch) and the newest message ids in a localStorage-like
// store, so a client that comes back (a reloaded page, a restarted process) resumes where it was.
// Writes are batched: at most one per `delayMs`, and at once on flush().

const VERSION = 1;

export class OffsetStore {
  #storage;
  #key;
  #delayMs;
  #timer = null;
  #snapshot = null;

  /**
   * @param {{getItem(key: string): string | null, setItem(key: string, value: string): void} | null | undefined} storage
   * @param {string} key
   */
  constructor(storage, key, delayMs = 250) {
    this.#storage = storage ?? null;
    this.#key = key;
    this.#delayMs = delayMs;
  }

  /** What was saved: `{ groups: { name: {offset, epoch} }, ids: [] }` (empty when nothing or unreadable). */
  load() {
    const empty = { groups: {}, ids: [] };
    if (!this.#storage) return empty;
    try {
      const saved = JSON.parse(this.#storage.getItem(this.#key) ?? 'null');
      if (saved?.v !== VERSION || typeof saved.groups !== 'object') return empty;
      return { groups: saved.groups ?? {}, ids: Array.isArray(saved.ids) ? saved.ids : [] };
    } catch {
      return empty;
    }
  }

  /** Saves soon; `snapshot` is called when the write happens, so the latest state is written. */
  save(snapshot) {
    if (!this.#storage) return;
    this.#snapshot = snapshot;
    this.#timer ??= setTimeout(() => this.flush(), this.#delayMs);
  }

  flush() {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#storage || !this.#snapshot) return;
    const { groups, ids } = this.#snapshot();
    try {
      this.#storage.setItem(this.#key, JSON.stringify({ v: VERSION, groups, ids }));
    } catch {
      // Full or unavailable (private browsing): positions then live as long as the page.
    }
  }
}
