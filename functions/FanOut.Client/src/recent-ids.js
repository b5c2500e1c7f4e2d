// The ids of the messages handed out lately, oldest first, at most `capacity` of them: what lets a
// message that arrives again (redelivered, or stored in several groups) reach the handlers once.

export class RecentIds {
  #ids = new Set();

  constructor(capacity = 10_000, initial = []) {
    this.capacity = capacity;
    for (const id of initial) this.add(id);
  }

  has(id) {
    return this.#ids.has(id);
  }

  add(id) {
    this.#ids.delete(id);
    this.#ids.add(id);
    if (this.#ids.size > this.capacity) this.#ids.delete(this.#ids.values().next().value);
  }

  /** The newest `count` ids, oldest first (what is worth persisting). */
  newest(count) {
    const all = [...this.#ids];
    return all.slice(Math.max(0, all.length - count));
  }
}
