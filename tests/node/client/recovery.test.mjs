// The client library against the real local host (Azurite, the SignalR Service stand-in, the queue
// trigger): clients lose the network, miss messages, and must come back with each of them once, in
// order, and say truthfully whether they recovered everything.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalService, uniqueGroup } from '../service/local-service.mjs';
import { delay, eventually, MemoryStorage, watchedClient } from './watch.mjs';

let service;
const clients = [];

before(async () => {
  service = await LocalService.start();
});

after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  await service?.stop();
});

function connect(options = {}, events) {
  const watched = watchedClient({ baseUrl: service.baseUrl, hub: 'chat', ...options }, events);
  clients.push(watched.client);
  return watched;
}

const offsets = (seen, group) => seen.messages.filter((m) => m.group === group).map((m) => m.offset);

test('a client that reconnects after missing messages gets each of them once, in order, and recovered is true', async () => {
  const group = uniqueGroup('missed');
  const { client, seen } = connect();
  await client.start();
  await client.join(group);
  await service.publish('chat', group, 'message', { n: 1 });
  await eventually(() => seen.messages.length === 1, 'the first live message');
  const firstConnection = client.connectionId;

  service.network.down();
  await eventually(() => client.state === 'reconnecting', 'the client noticing the cut');
  for (let n = 2; n <= 6; n++) await service.publish('chat', group, 'message', { n });
  await service.waitForHistory('chat', group, 6);
  seen.recovered.length = 0;
  service.network.up();

  await eventually(() => seen.recovered.some((r) => r.group === group), 'the catch-up');
  await eventually(() => seen.messages.length >= 6, 'all six messages');
  await delay(300);
  assert.deepEqual(offsets(seen, group), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(seen.messages.map((m) => m.data.n), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(seen.messages.map((m) => m.fromHistory), [false, true, true, true, true, true]);
  assert.deepEqual(seen.recovered.find((r) => r.group === group), { group, recovered: true, missed: 5 });
  assert.notEqual(client.connectionId, firstConnection);
  assert.ok(seen.states.includes('reconnecting:lost'), seen.states.join(', '));
  assert.equal(client.state, 'connected');
});

test('an anonymous client gets a new user id on reconnect, re-joins, and can publish again', async () => {
  const group = uniqueGroup('anon');
  const { client, seen } = connect();
  await client.start();
  await client.join(group);
  await client.publish(group, 'message', { n: 1 });

  service.network.cut();
  await eventually(() => client.state === 'reconnecting', 'the client noticing the cut');
  await eventually(() => client.state === 'connected', 'the reconnect');
  const answer = await client.publish(group, 'message', { n: 2 }, { retries: 5 });

  assert.equal(answer.group, group);
  await eventually(() => seen.messages.length === 2, 'both messages');
  assert.deepEqual(offsets(seen, group), [1, 2]);
});

test('live messages racing a catch-up are handed on once each, in order', async () => {
  const group = uniqueGroup('race');
  const writer = connect({ userId: 'writer' });
  await writer.client.start();
  await writer.client.join(group);
  const sending = (async () => {
    for (let n = 1; n <= 40; n++) await writer.client.publish(group, 'message', { n });
  })();

  await delay(150);
  const { client, seen } = connect({ userId: 'reader' });
  await client.start();
  await client.join(group);
  await sending;

  await eventually(() => seen.messages.length >= 40, 'all forty messages');
  await delay(500);
  assert.deepEqual(offsets(seen, group), Array.from({ length: 40 }, (_, i) => i + 1));
  assert.equal(new Set(seen.messages.map((m) => m.id)).size, 40);
});

test('a gap the history no longer holds is skipped, and recovered is false', async () => {
  const group = uniqueGroup('trimmed');
  const { client, seen } = connect();
  await client.start();
  await client.join(group);
  await service.publish('chat', group, 'message', { n: 1 });
  await eventually(() => seen.messages.length === 1, 'the first message');

  service.network.down();
  await eventually(() => client.state === 'reconnecting', 'the client noticing the cut');
  for (let n = 2; n <= 5; n++) await service.publish('chat', group, 'message', { n });
  await service.waitForHistory('chat', group, 5);
  await service.table.trim('chat', group, 3);
  seen.recovered.length = 0;
  service.network.up();

  const outcome = await eventually(() => seen.recovered.find((r) => r.group === group), 'the catch-up');
  assert.deepEqual(outcome, { group, recovered: false, missed: 2, reason: 'gap' });
  assert.deepEqual(offsets(seen, group), [1, 4, 5]);
});

test('an epoch change starts the group over, and recovered is false', async () => {
  const group = uniqueGroup('epoch');
  const { client, seen } = connect();
  await client.start();
  await client.join(group);
  await service.publish('chat', group, 'message', { n: 1 });
  await service.publish('chat', group, 'message', { n: 2 });
  await eventually(() => seen.messages.length === 2, 'two messages');
  const oldEpoch = client.groups[group].epoch;

  service.network.down();
  await eventually(() => client.state === 'reconnecting', 'the client noticing the cut');
  await service.table.drop('chat', group);
  // A process that committed to the group less than 2 s ago would go on in the old epoch after the gap
  // (TableHistoryStore.TrustCommittedHeadFor); past that, it finds the history gone and starts a new one.
  await delay(2_500);
  await service.publish('chat', group, 'message', { n: 3 });
  const recreated = await service.waitForHistory('chat', group, 1, 30_000);
  assert.notEqual(recreated.epoch, oldEpoch);
  seen.recovered.length = 0;
  service.network.up();

  const outcome = await eventually(() => seen.recovered.find((r) => r.group === group), 'the catch-up');
  assert.equal(outcome.recovered, false);
  assert.equal(outcome.reason, 'epoch');
  await eventually(() => seen.messages.length === 3, 'the new epoch\'s message');
  assert.deepEqual(seen.messages.map((m) => [m.offset, m.data.n]), [[1, 1], [2, 2], [1, 3]]);
  assert.deepEqual(client.groups[group], { offset: 1, epoch: recreated.epoch });
});

test('a message published twice with one Idempotency-Key is stored and handed on once', async () => {
  const group = uniqueGroup('dup');
  const { client, seen } = connect();
  await client.start();
  await client.join(group);

  const first = await client.publish(group, 'message', { n: 1 }, { idempotencyKey: `k-${group}` });
  const again = await client.publish(group, 'message', { n: 1 }, { idempotencyKey: `k-${group}` });

  assert.equal(again.id, first.id);
  assert.equal(again.replayed, true);
  await eventually(() => seen.messages.length === 1, 'the message');
  await delay(500);
  assert.equal(seen.messages.length, 1);
  assert.equal((await service.history('chat', group)).messages.length, 1);
});

test('a publish while the network is down is retried with its key once it is back, and stored once', async () => {
  const group = uniqueGroup('retry');
  const { client } = connect();
  await client.start();
  await client.join(group);

  service.network.down();
  await eventually(() => client.state === 'reconnecting', 'the client noticing the cut');
  const publishing = client.publish(group, 'message', { n: 1 }, { retries: 10, ackTimeout: 1500 });
  await delay(2000);
  service.network.up();
  const answer = await publishing;

  assert.equal(answer.group, group);
  const stored = await service.waitForHistory('chat', group, 1);
  await delay(300);
  assert.deepEqual((await service.history('chat', group)).messages.map((m) => m.id), [stored.messages[0].id]);
});

test('a publish that is refused is not retried and rejects with the service\'s code', async () => {
  const group = uniqueGroup('refused');
  const { client } = connect();
  await client.start();

  await assert.rejects(client.publish(group, 'message', { n: 1 }, { retries: 3 }), (error) => {
    assert.equal(error.code, 'forbidden');
    assert.equal(error.attempts, 1);
    return true;
  });
  await assert.rejects(client.join('not a group!'), (error) => error.code === 'invalid_group');
});

test('offsets kept in storage let a new client resume where the last one stopped', async () => {
  const group = uniqueGroup('stored');
  const storage = new MemoryStorage();
  const first = connect({ storage, userId: 'resumer' });
  await first.client.start();
  await first.client.join(group);
  await service.publish('chat', group, 'message', { n: 1 });
  await service.publish('chat', group, 'message', { n: 2 });
  await eventually(() => first.seen.messages.length === 2, 'two messages');
  await first.client.stop();

  await service.publish('chat', group, 'message', { n: 3 });
  await service.waitForHistory('chat', group, 3);
  const second = connect({ storage, userId: 'resumer' });
  await second.client.start();
  const outcome = await second.client.join(group);

  assert.deepEqual(outcome, { group, recovered: true, missed: 1 });
  assert.deepEqual(second.seen.messages.map((m) => m.data.n), [3]);
});

test('a message sent to several groups is handed on once, and every group\'s offset moves', async () => {
  const [first, second] = [uniqueGroup('multiA'), uniqueGroup('multiB')];
  const { client, seen } = connect();
  await client.start();
  await client.join(first);
  await client.join(second);
  await service.publish('chat', first, 'message', { n: 0 });
  await eventually(() => seen.messages.length === 1, 'the first message');

  const sent = await service.publishToHub('chat', 'message', { n: 1 }, { groups: [first, second] });

  await eventually(() => client.groups[first].offset === 2 && client.groups[second].offset === 1, 'both offsets to move');
  await delay(300);
  const handed = seen.messages.slice(1);
  assert.deepEqual(handed.map((m) => m.id), [sent.id]);
  // Whichever group's copy came first brought it, with that group's offset.
  assert.ok(handed[0].group === first ? handed[0].offset === 2 : handed[0].group === second && handed[0].offset === 1, JSON.stringify(handed[0]));
});

test('messages sent to everyone but this client\'s connections, now or earlier, are never handed on', async () => {
  const group = uniqueGroup('except');
  const sender = connect({ userId: 'sender' });
  const other = connect({ userId: 'other' });
  await Promise.all([sender.client.start(), other.client.start()]);
  await sender.client.join(group);
  await other.client.join(group);

  await sender.client.publish(group, 'message', { n: 1 }, { exceptSelf: true });
  await eventually(() => other.seen.messages.length === 1, 'the other client receiving it');
  service.network.down();
  await eventually(() => sender.client.state === 'reconnecting', 'the cut');
  await service.publish('chat', group, 'message', { n: 2 });
  await service.waitForHistory('chat', group, 2);
  service.network.up();

  await eventually(() => sender.seen.messages.length === 1, 'the catch-up');
  await delay(300);
  assert.deepEqual(sender.seen.messages.map((m) => m.data.n), [2]);
  assert.equal(sender.client.groups[group].offset, 2);
  const stored = await service.history('chat', group);
  assert.ok(sender.client.connectionIds.includes(stored.messages[0].except[0]), 'history names the earlier connection');
});

test('the hub\'s own stream is followed without joining, and recovered after a reconnect', async () => {
  const { client, seen } = connect();
  await client.start();
  await service.publishToHub('chat', 'message', { n: 'hub-1' });
  await eventually(() => seen.messages.some((m) => m.data.n === 'hub-1'), 'the first hub-wide message');

  service.network.down();
  await eventually(() => client.state === 'reconnecting', 'the cut');
  await service.publishToHub('chat', 'message', { n: 'hub-2' });
  await service.publishToHub('chat', 'message', { n: 'hub-3' });
  await delay(1500);
  service.network.up();

  await eventually(() => seen.messages.some((m) => m.data.n === 'hub-3'), 'the missed hub-wide messages');
  const hub = seen.messages.filter((m) => m.group === '~hub');
  assert.deepEqual(hub.map((m) => m.data.n).slice(-3), ['hub-1', 'hub-2', 'hub-3']);
  assert.deepEqual(hub.slice(-2).map((m) => m.fromHistory), [true, true]);
});

test('a client refused at negotiate stops and says why', async () => {
  const { client, seen } = connect({ hub: 'nosuchhub' });

  await assert.rejects(client.start(), (error) => error.code === 'not_found');
  assert.equal(client.state, 'disconnected');
  assert.equal(seen.errors.length, 1);
});
