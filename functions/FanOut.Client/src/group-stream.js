// What the client knows of one stream (a group, or the hub's and the user's own streams `~hub`,
// `~user-{id}`): the offset of the last message handed on, the epoch those offsets belong to, and
// messages that arrived early, waiting for the ones before them.

export class GroupStream {
  /**
   * @param {string} name
   * @param {{offset?: number, epoch?: string | null}} [position]
   */
  constructor(name, position = {}) {
    this.name = name;
    this.offset = position.offset ?? 0;
    this.epoch = position.epoch ?? null;
    /** offset -> { envelope, fromHistory } */
    this.pending = new Map();
    /** The running history fetch, if any. */
    this.filling = null;
    /** Another fetch was asked for while one was running. */
    this.refill = false;
  }

  get position() {
    return { offset: this.offset, epoch: this.epoch };
  }

  /** Forgets everything: a new epoch starts from offset 0. */
  reset(epoch) {
    this.epoch = epoch;
    this.offset = 0;
    this.pending.clear();
  }

  /** The lowest waiting offset, or null. */
  firstPending() {
    let lowest = null;
    for (const offset of this.pending.keys()) if (lowest === null || offset < lowest) lowest = offset;
    return lowest;
  }
}
