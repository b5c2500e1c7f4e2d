// The client's recovery core on its own (no I/O): a scripted history stands in for the service, so every
// ordering, duplicate, gap and epoch case can be set up exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequencer } from '../../../functions/FanOut.Client/fanout-client.js';

const envelope = (group, offset, { id = `${group}-${offset}`, epoch = 'e1', except } = {}) =>
  ({ id, hub: 'chat', group, offset, epoch, event: 'message', data: { n: offset }, sentAt: '2026-11-30T00:00:00Z', ...(except ? { except } : {}) });

/** A sequencer over a fake history: `stored[group]` is { epoch, messages }, answered in pages of `page`. */
function harness({ stored = {}, page = 100, excluded = new Set() } = {}) {
  const delivered = [];
  const fetches = [];
  const sequencer = new Sequencer({
    fetchHistory: async (group, after) => {
      fetches.push({ group, after });
      const history = stored[group];
      if (!history) return { epoch: null, messages: [], next: null };
      const rest = history.messages.filter((m) => m.offset > after);
      const messages = rest.slice(0, page);
      return { epoch: history.epoch, messages, next: rest.length > page ? messages.at(-1).offset : null };
    },
    deliver: (e, meta) => delivered.push({ id: e.id, group: meta.group, offset: e.offset, fromHistory: meta.fromHistory }),
    isExcluded: (e) => (e.except ?? []).some((id) => excluded.has(id)),
  });
  return { sequencer, delivered, fetches, stored };
}

const history = (group, count, epoch = 'e1') => ({ epoch, messages: Array.from({ length: count }, (_, i) => envelope(group, i + 1, { epoch })) });

test('live messages in order are handed on at once, without reading history', async () => {
  const { sequencer, delivered, fetches } = harness();
  sequencer.track('room', { offset: 0, epoch: 'e1' });
  for (const offset of [1, 2, 3]) await sequencer.receive(envelope('room', offset));

  assert.deepEqual(delivered.map((d) => d.offset), [1, 2, 3]);
  assert.equal(fetches.length, 0);
  assert.equal(sequencer.get('room').offset, 3);
});

test('a live message beyond the next offset waits while history fills the gap, then all come in order', async () => {
  const { sequencer, delivered, fetches } = harness({ stored: { room: history('room', 4) } });
  sequencer.track('room', { offset: 1, epoch: 'e1' });

  const outcome = await sequencer.receive(envelope('room', 4));

  assert.deepEqual(delivered.map((d) => [d.offset, d.fromHistory]), [[2, true], [3, true], [4, false]]);
  assert.deepEqual(fetches, [{ group: 'room', after: 1 }]);
  assert.deepEqual(outcome, { group: 'room', recovered: true, missed: 2 });
});

test('out-of-order live messages are reordered, and duplicates are dropped', async () => {
  const { sequencer, delivered } = harness({ stored: { room: history('room', 3) } });
  sequencer.track('room', { offset: 0, epoch: 'e1' });

  await Promise.all([3, 1, 2, 2, 1, 3].map((offset) => sequencer.receive(envelope('room', offset))));

  assert.deepEqual(delivered.map((d) => d.offset), [1, 2, 3]);
});

test('history and live overlapping during a catch-up hand each message on once', async () => {
  const { sequencer, delivered } = harness({ stored: { room: history('room', 5) } });
  sequencer.track('room', { offset: 0, epoch: null });

  const catchUp = sequencer.fill('room');
  await sequencer.receive(envelope('room', 5));
  await sequencer.receive(envelope('room', 2));
  const outcome = await catchUp;

  assert.deepEqual(delivered.map((d) => d.offset), [1, 2, 3, 4, 5]);
  assert.equal(outcome.recovered, true);
});

test('history is read page by page', async () => {
  const { sequencer, delivered, fetches } = harness({ stored: { room: history('room', 7) }, page: 3 });
  sequencer.track('room', { offset: 0, epoch: null });

  const outcome = await sequencer.fill('room');

  assert.deepEqual(delivered.map((d) => d.offset), [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(fetches.map((f) => f.after), [0, 3, 6]);
  assert.equal(outcome.missed, 7);
});

test('a gap history no longer holds is skipped and reported as not recovered', async () => {
  const trimmed = { epoch: 'e1', messages: history('room', 6).messages.filter((m) => m.offset >= 4) };
  const { sequencer, delivered } = harness({ stored: { room: trimmed } });
  sequencer.track('room', { offset: 1, epoch: 'e1' });

  const outcome = await sequencer.fill('room');

  assert.deepEqual(delivered.map((d) => d.offset), [4, 5, 6]);
  assert.deepEqual(outcome, { group: 'room', recovered: false, missed: 3, reason: 'gap' });
});

test('a live message whose predecessors are in no history is handed on after the check, reported lost', async () => {
  const { sequencer, delivered } = harness({ stored: { room: { epoch: 'e1', messages: [] } } });
  sequencer.track('room', { offset: 2, epoch: 'e1' });

  const outcome = await sequencer.receive(envelope('room', 5));

  assert.deepEqual(delivered.map((d) => d.offset), [5]);
  assert.equal(outcome.recovered, false);
  assert.equal(outcome.reason, 'gap');
});

test('a new epoch starts the stream over from its first offset and is reported as not recovered', async () => {
  const { sequencer, delivered } = harness({ stored: { room: history('room', 2, 'e2') } });
  sequencer.track('room', { offset: 9, epoch: 'e1' });

  const outcome = await sequencer.receive(envelope('room', 2, { epoch: 'e2' }));

  assert.deepEqual(delivered.map((d) => d.offset), [1, 2]);
  assert.equal(outcome.recovered, false);
  assert.equal(outcome.reason, 'epoch');
  assert.deepEqual(sequencer.get('room').position, { offset: 2, epoch: 'e2' });
});

test('a message stored in several groups is handed on once, and every group\'s offset moves', async () => {
  const { sequencer, delivered } = harness();
  sequencer.track('a', { offset: 4, epoch: 'ea' });
  sequencer.track('b', { offset: 0, epoch: 'eb' });

  await sequencer.receive(envelope('a', 5, { id: 'same', epoch: 'ea' }));
  await sequencer.receive(envelope('b', 1, { id: 'same', epoch: 'eb' }));

  assert.deepEqual(delivered, [{ id: 'same', group: 'a', offset: 5, fromHistory: false }]);
  assert.equal(sequencer.get('a').offset, 5);
  assert.equal(sequencer.get('b').offset, 1);
});

test('a message excluding one of this client\'s connections is not handed on but moves the offset', async () => {
  const { sequencer, delivered } = harness({ excluded: new Set(['old-connection']) });
  sequencer.track('room', { offset: 0, epoch: 'e1' });

  await sequencer.receive(envelope('room', 1, { except: ['old-connection'] }));
  await sequencer.receive(envelope('room', 2, { except: ['someone-else'] }));

  assert.deepEqual(delivered.map((d) => d.offset), [2]);
  assert.equal(sequencer.get('room').offset, 2);
});

test('messages of groups not followed are ignored; the hub\'s and the user\'s streams are followed from their first message', async () => {
  const { sequencer, delivered } = harness();

  await sequencer.receive(envelope('not-joined', 1));
  await sequencer.receive(envelope('~hub', 7));
  await sequencer.receive(envelope('~hub', 8));

  assert.deepEqual(delivered.map((d) => `${d.group}:${d.offset}`), ['~hub:7', '~hub:8']);
});

test('malformed envelopes are ignored', async () => {
  const { sequencer, delivered } = harness();
  sequencer.track('room', { offset: 0, epoch: 'e1' });

  for (const bad of [null, 'text', { group: 'room', offset: 1 }, { ...envelope('room', 1), offset: 0 }, { ...envelope('room', 1), offset: 1.5 }]) {
    await sequencer.receive(bad);
  }

  assert.equal(delivered.length, 0);
});
