// Request/reply over a forked worker's IPC channel, plus events the worker sends on its own.
// Parent side: rpc(child). Worker side: serve(handlers).

export function rpc(child) {
  let nextId = 0;
  const pending = new Map();
  const listeners = new Set();
  child.on('message', (message) => {
    if (message.reply === undefined) {
      for (const listener of listeners) listener(message);
      return;
    }
    const { resolve, reject } = pending.get(message.reply);
    pending.delete(message.reply);
    if (message.error) reject(new Error(message.error));
    else resolve(message.result);
  });
  child.on('exit', (code) => {
    for (const { reject } of pending.values()) reject(new Error(`worker exited (${code})`));
    pending.clear();
  });
  return {
    pid: child.pid,
    call(type, args = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        // A worker killed by Ctrl-C has closed its channel: fail this call, do not throw an 'error' event.
        if (!child.connected) return reject(new Error(`worker ${child.pid} is gone`));
        pending.set(id, { resolve, reject });
        child.send({ id, type, args }, (error) => {
          if (!error) return;
          pending.delete(id);
          reject(error);
        });
      });
    },
    /** Closes the channel; the worker exits (see serve). */
    close: () => child.connected && child.disconnect(),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function serve(handlers) {
  process.on('message', async ({ id, type, args }) => {
    try {
      process.send({ reply: id, result: (await handlers[type](args)) ?? null });
    } catch (error) {
      process.send({ reply: id, error: error?.stack ?? String(error) });
    }
  });
  // The parent went away: nothing left to do.
  process.on('disconnect', () => process.exit(0));
}

export const emit = (event) => process.send(event);
