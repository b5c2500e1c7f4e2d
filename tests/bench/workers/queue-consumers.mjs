// The consuming half of the Azurite baseline, in its own process: `consumers` loops, each
// receiving up to `batch` messages per call and deleting them one by one, until `count` are gone.
// On a slow machine a message can outlive its visibility timeout and be received again; the
// stale delete then fails, the later receiver deletes it, and it is counted once, as `redelivered`.
import { QueueClient } from '@azure/storage-queue';
import { now, sleep } from '../lib/clock.mjs';
import { emit, serve } from '../lib/rpc.mjs';

serve({
  start({ connectionString, queueName, count, consumers, batch }) {
    const queue = new QueueClient(connectionString, queueName);
    let deleted = 0;
    let doneAt = null;
    let receives = 0;
    let emptyReceives = 0;
    let redelivered = 0;
    const loop = async () => {
      let pause = 5;
      while (deleted < count) {
        const { receivedMessageItems: items } = await queue.receiveMessages({ numberOfMessages: batch, visibilityTimeout: 300 });
        receives++;
        if (items.length === 0) {
          emptyReceives++;
          await sleep(pause); // idle polling, gently: it competes with the producers for Azurite
          pause = Math.min(pause * 2, 50);
          continue;
        }
        pause = 5;
        for (const item of items) {
          try {
            await queue.deleteMessage(item.messageId, item.popReceipt);
          } catch (error) {
            if (error.statusCode !== 400 && error.statusCode !== 404) throw error; // not a stale pop receipt
            redelivered++;
            continue;
          }
          if (++deleted === count) doneAt = now();
        }
      }
    };
    Promise.all(Array.from({ length: consumers }, loop)).then(
      () => emit({ event: 'consumed', at: doneAt, deleted, receives, emptyReceives, redelivered }),
      (error) => emit({ event: 'consumed', error: error.message, deleted, receives, emptyReceives, redelivered }));
  },
});
