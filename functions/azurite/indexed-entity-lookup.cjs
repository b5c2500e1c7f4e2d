// Azurite's table store finds an entity by PartitionKey first, then compares RowKey against every row of
// that partition, without stopping at a match. So inserting, updating or deleting one entity costs a scan
// of its partition. A group's history is one partition, so each publish got slower as the group's history
// grew: at 6,000 messages in one group, two thirds of Azurite's CPU went to these scans (profiled through
// its inspector), against an index lookup in Azure Storage. Looking up by RowKey first uses Azurite's
// RowKey index and leaves a handful of rows (one per partition holding that key) to compare. Same answer:
// (PartitionKey, RowKey) is unique. Written for Azurite 3.35; if lokijs is shaped differently, nothing is changed.
try {
  const azurite = require.resolve('azurite/package.json', { paths: [__dirname] });
  const { Collection } = require(require.resolve('lokijs', { paths: [azurite] }));
  const findOne = Collection?.prototype?.findOne;
  if (typeof findOne === 'function') {
    Collection.prototype.findOne = function findOneByRowKeyFirst(query) {
      const byEntityKey = query && this.binaryIndices?.RowKey && typeof query.RowKey === 'string'
        && Object.keys(query).length === 2 && 'PartitionKey' in query;
      return findOne.call(this, byEntityKey ? { RowKey: query.RowKey, PartitionKey: query.PartitionKey } : query);
    };
  }
} catch {
  // Not found: leave Azurite as it is.
}
