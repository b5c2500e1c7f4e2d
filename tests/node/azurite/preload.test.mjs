// functions/azurite/preload.cjs changes how Azurite's in-memory stores do their work, never what they answer.
// These load it with the pinned Azurite and check the answers against Azurite's own code paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const azuriteFolder = new URL('../../../functions/azurite/', import.meta.url).pathname;
const require = createRequire(path.join(azuriteFolder, 'preload.cjs'));
require('./preload.cjs');
const { Collection } = require(require.resolve('lokijs', { paths: [require.resolve('azurite/package.json')] }));
const persistence = (module) => require(`azurite/dist/src/common/persistence/${module}`);
const { default: QueryGenerator } = require('azurite/dist/src/table/persistence/LokiTableStoreQueryGenerator');

/** Three partitions of 300 messages, each with its id row, as a table's collection in Azurite. */
function historyTable() {
  const entities = new Collection('entities', { indices: ['PartitionKey', 'RowKey'] });
  for (const partition of ['chat|a', 'chat|b', 'chat|c']) {
    for (let offset = 1; offset <= 300; offset++) {
      entities.insert({ PartitionKey: partition, RowKey: String(offset).padStart(19, '0'), partition, offset });
      entities.insert({ PartitionKey: partition, RowKey: `id|${partition}-${offset}`, partition, offset });
    }
  }

  return entities;
}

test('Entity lookups use the RowKey index and find exactly what a scan of the partition finds', () => {
  assert.equal(Collection.prototype.findOne.name, 'findOneByRowKeyFirst');
  // As Azurite creates a table's collection.
  const entities = historyTable();
  entities.remove(entities.findOne({ PartitionKey: 'chat|b', RowKey: String(7).padStart(19, '0') }));

  const scan = (partitionKey, rowKey) => entities.data.find((e) => e.PartitionKey === partitionKey && e.RowKey === rowKey) ?? null;
  for (const [partitionKey, rowKey] of [
    ['chat|a', String(1).padStart(19, '0')], ['chat|c', String(300).padStart(19, '0')], ['chat|b', 'id|chat|b-150'],
    ['chat|b', String(7).padStart(19, '0')], ['chat|d', String(1).padStart(19, '0')], ['chat|a', 'id|chat|b-1'], ['chat|a', 'missing'],
  ]) {
    assert.equal(entities.findOne({ PartitionKey: partitionKey, RowKey: rowKey }), scan(partitionKey, rowKey), `${partitionKey} ${rowKey}`);
  }
});

test('A query that pins its partition starts from the index and matches what the filter alone matches', () => {
  const entities = historyTable();
  entities.remove(entities.findOne({ PartitionKey: 'chat|a', RowKey: String(5).padStart(19, '0') }));
  const page = (from, to) => `RowKey gt '${String(from).padStart(19, '0')}' and RowKey le '${String(to).padStart(19, '0')}'`;
  for (const [filter, pinned] of [
    [`PartitionKey eq 'chat|a' and ${page(0, 100)}`, 'chat|a'],
    [`${page(250, 300)} and PartitionKey eq 'chat|c'`, 'chat|c'],
    ["PartitionKey eq 'chat|b'", 'chat|b'],
    ["PartitionKey eq 'chat|z'", 'chat|z'],
    ["PartitionKey eq 'chat|a' or PartitionKey eq 'chat|b'", undefined],
    [`(PartitionKey eq 'chat|a' and ${page(0, 10)}) or RowKey eq 'id|chat|c-7'`, undefined],
    [`PartitionKey ne 'chat|a' and ${page(0, 3)}`, undefined],
    [page(0, 2), undefined],
  ]) {
    const where = QueryGenerator.generateQueryForPersistenceLayer({ filter }, {});
    assert.equal(where.pinnedPartition, pinned, filter);
    const expected = entities.data.filter(where).map((e) => e.$loki).sort((x, y) => x - y);
    const found = entities.chain().where(where).data().map((e) => e.$loki).sort((x, y) => x - y);
    assert.deepEqual(found, expected, filter);
  }
});

test('Other queries go through lokijs unchanged', () => {
  const entities = new Collection('entities', { indices: ['PartitionKey', 'RowKey'] });
  entities.insert([{ PartitionKey: 'p', RowKey: 'r1', n: 1 }, { PartitionKey: 'p', RowKey: 'r2', n: 2 }, { PartitionKey: 'q', RowKey: 'r1', n: 3 }]);
  assert.equal(entities.findOne({ RowKey: 'r1', n: 3 }).PartitionKey, 'q');
  assert.equal(entities.findOne({ PartitionKey: 'p', RowKey: 'r2', n: 1 }), null);
  assert.equal(entities.findOne({ PartitionKey: 'q' }).n, 3);
});

test('The garbage collector lets requests through between the pages of its extent listing', async () => {
  const { default: AllExtentsAsyncIterator } = persistence('AllExtentsAsyncIterator');
  const { default: LokiExtentMetadataStore } = persistence('LokiExtentMetadataStore');
  const metadata = new LokiExtentMetadataStore(path.join(os.tmpdir(), `extent-pages-${process.pid}.json`), true);
  await metadata.init();
  const pages = new AllExtentsAsyncIterator(metadata);
  const order = [];
  setImmediate(() => order.push('a request'));
  await pages.next();
  order.push('a page');
  assert.deepEqual(order, ['a request', 'a page']);
  await metadata.close();
});

test('The queue garbage collector deletes spent extents in one batch, and only those', async () => {
  const { default: MemoryExtentStore, MemoryExtentChunkStore } = persistence('MemoryExtentStore');
  const { default: LokiExtentMetadataStore } = persistence('LokiExtentMetadataStore');
  const metadata = new LokiExtentMetadataStore(path.join(os.tmpdir(), `extents-${process.pid}.json`), true);
  const chunks = new MemoryExtentChunkStore(1 << 20);
  const quiet = { info() {}, debug() {}, verbose() {}, warn() {}, error() {} };
  const store = new MemoryExtentStore('queue', chunks, metadata, quiet, (status, code, message) => new Error(message));
  await store.init();
  const ids = [];
  for (let i = 0; i < 10; i++) {
    ids.push((await store.appendExtent(Buffer.from(`message ${i}`))).id);
  }

  const spent = ids.filter((_, i) => i % 3 === 0);
  assert.equal(await store.deleteExtents(spent), spent.length);

  const left = metadata.db.getCollection(metadata.EXTENTS_COLLECTION).find().map((e) => e.id).sort();
  assert.deepEqual(left, ids.filter((id) => !spent.includes(id)).sort());
  assert.equal(chunks.get('queue', spent[0]), undefined);
  assert.notEqual(chunks.get('queue', ids[1]), undefined);
  await store.close();
});

/** Azurite's table store in memory, holding table `t` with two partitions of 100 rows (eTags `e0`, `e1`...). */
async function tableStore() {
  const { default: LokiTableMetadataStore } = require('azurite/dist/src/table/persistence/LokiTableMetadataStore');
  const store = new LokiTableMetadataStore(path.join(os.tmpdir(), `tables-${process.pid}.json`), true);
  await store.init();
  const context = {};
  await store.createTable(context, { account: 'a', table: 't' });
  for (const partition of ['p', 'q']) {
    for (let i = 0; i < 100; i++) {
      await store.insertTableEntity(context, 't', 'a', { PartitionKey: partition, RowKey: `r${i}`, properties: { n: i }, lastModifiedTime: 'then', eTag: `e${i}` }, '');
    }
  }

  const entities = store.db.getCollection('a$t');
  const row = (partitionKey, rowKey) => entities.findOne({ PartitionKey: partitionKey, RowKey: rowKey });
  const replacement = (partitionKey, rowKey, n, eTag) => ({ PartitionKey: partitionKey, RowKey: rowKey, properties: { n }, lastModifiedTime: 'now', eTag });
  return { store, context, entities, row, replacement };
}

/** Each index holds every document once, in the order of its key (what lokijs's binary search relies on). */
function indexesAreValid(entities) {
  for (const [name, index] of Object.entries(entities.binaryIndices)) {
    assert.deepEqual([...index.values].sort((x, y) => x - y), entities.data.map((_, i) => i), name);
    const keys = index.values.map((position) => entities.data[position][name]);
    assert.deepEqual(keys, [...keys].sort(), name);
  }
}

test('Replacing an entity changes its content and ETag where it stands, and its indexes stay valid', async () => {
  const { store, context, entities, row, replacement } = await tableStore();
  assert.equal(store.updateTableEntity.name, 'updateTableEntityInPlace');
  const before = row('p', 'r50');
  const answer = await store.updateTableEntity(context, 't', 'a', replacement('p', 'r50', -1, 'e-new'), 'e50', '');

  const after = row('p', 'r50');
  assert.equal(after.$loki, before.$loki);
  assert.deepEqual(after.properties, { n: -1, Timestamp: 'now', 'Timestamp@odata.type': 'Edm.DateTime' });
  assert.equal(after.eTag, 'e-new');
  assert.equal(answer.eTag, 'e-new');
  assert.equal(entities.count(), 200);
  assert.equal(row('q', 'r50').properties.n, 50);
  indexesAreValid(entities);

  // Insert Or Replace of an entity that exists replaces it too; of one that does not, inserts it.
  await store.insertOrUpdateTableEntity(context, 't', 'a', replacement('q', 'r7', 70, 'e70'), undefined, '');
  await store.insertOrUpdateTableEntity(context, 't', 'a', replacement('q', 'new', 1, 'e1'), undefined, '');
  assert.equal(row('q', 'r7').properties.n, 70);
  assert.equal(row('q', 'new').properties.n, 1);
  assert.equal(entities.count(), 201);
  indexesAreValid(entities);
});

test('A replace refused by its If-Match leaves the entity as it was', async () => {
  const { store, context, row, replacement } = await tableStore();
  await assert.rejects(store.updateTableEntity(context, 't', 'a', replacement('p', 'r3', -1, 'e-new'), 'stale', ''), { statusCode: 412 });
  assert.equal(row('p', 'r3').properties.n, 3);
  assert.equal(row('p', 'r3').eTag, 'e3');
  await assert.rejects(store.updateTableEntity(context, 't', 'a', replacement('p', 'missing', 1, 'x'), '*', ''), { statusCode: 404 });
});

test('A failed batch puts an entity it replaced back as it was', async () => {
  const { store, context, entities, row, replacement } = await tableStore();
  await store.beginBatchTransaction('b');
  await store.updateTableEntity(context, 't', 'a', replacement('p', 'r9', -1, 'e-new'), 'e9', 'b');
  assert.equal(row('p', 'r9').properties.n, -1);
  await assert.rejects(store.insertTableEntity(context, 't', 'a', replacement('p', 'r10', 0, 'x'), 'b'), { statusCode: 409 });
  await store.endBatchTransaction('a', 't', 'b', context, false);

  assert.deepEqual(row('p', 'r9').properties, { n: 9, Timestamp: 'then', 'Timestamp@odata.type': 'Edm.DateTime' });
  assert.equal(row('p', 'r9').eTag, 'e9');
  assert.equal(entities.count(), 200);
  indexesAreValid(entities);
});
