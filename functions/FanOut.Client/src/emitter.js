// A small event emitter: handlers run in registration order; one that throws does not stop the others
// (its error goes to the 'error' handlers, or to the console when there are none).

export class Emitter {
  #handlers = new Map();

  /** Adds a handler; returns a function that removes it. */
  on(name, handler) {
    if (typeof handler !== 'function') throw new TypeError(`The handler for '${name}' is not a function.`);
    const list = this.#handlers.get(name) ?? [];
    this.#handlers.set(name, [...list, handler]);
    return () => this.off(name, handler);
  }

  off(name, handler) {
    const list = this.#handlers.get(name);
    if (!list) return;
    const rest = handler ? list.filter((h) => h !== handler) : [];
    if (rest.length) this.#handlers.set(name, rest);
    else this.#handlers.delete(name);
  }

  has(name) {
    return this.#handlers.has(name);
  }

  names() {
    return [...this.#handlers.keys()];
  }

  /** Calls every handler of `name`; returns how many there were. */
  emit(name, ...args) {
    const list = this.#handlers.get(name) ?? [];
    for (const handler of list) {
      try {
        handler(...args);
      } catch (error) {
        if (name !== 'error' && this.#handlers.has('error')) this.emit('error', error);
        else console.error(error);
      }
    }
    return list.length;
  }
}
