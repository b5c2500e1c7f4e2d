// Azurite's table store keeps a lokijs index on PartitionKey and one on RowKey, but two of its paths cost a
// scan that grows with the data held, where Azure Storage does an index lookup. A group's history is one
// partition, so both got slower with every message stored (profiled through Azurite's inspector).
// - Finding one entity (every insert, update, merge and delete) looked up the partition through its index,
//   then compared RowKey against every row of it: at 6,000 messages in one group, two thirds of Azurite's
//   CPU. Looking up RowKey first leaves a handful of rows (one per partition holding that key) to compare.
// - A query evaluated its filter on every entity of the table, all partitions: a 100-message history page
//   took 30-80 ms at 15,000 messages stored. When the filter pins the partition (`PartitionKey eq '...'`
//   and-ed with the rest), the rows of that partition are taken from the index first and the filter runs
//   on those.
// Answers are unchanged: (PartitionKey, RowKey) is unique, the full filter still decides, and query results
// are sorted afterwards as before. Written for Azurite 3.35; where its internals differ, nothing is changed.
try {
  const azurite = require.resolve('azurite/package.json', { paths: [__dirname] });
  const { Collection, Resultset } = require(require.resolve('lokijs', { paths: [azurite] }));
  const queries = (module) => require(require.resolve(`azurite/dist/src/table/persistence/${module}`, { paths: [__dirname] })).default;
  const QueryGenerator = queries('LokiTableStoreQueryGenerator');
  const parse = queries('QueryInterpreter/QueryParser');
  const AndNode = queries('QueryInterpreter/QueryNodes/AndNode');
  const EqualsNode = queries('QueryInterpreter/QueryNodes/EqualsNode');
  const IdentifierNode = queries('QueryInterpreter/QueryNodes/IdentifierNode');
  const ConstantNode = queries('QueryInterpreter/QueryNodes/ConstantNode');
  const { findOne } = Collection.prototype;
  const { where } = Resultset.prototype;
  const { generateQueryForPersistenceLayer } = QueryGenerator;
  if ([findOne, where, generateQueryForPersistenceLayer, parse].every((f) => typeof f === 'function')) {
    Collection.prototype.findOne = function findOneByRowKeyFirst(query) {
      const byEntityKey = query && this.binaryIndices?.RowKey && typeof query.RowKey === 'string'
        && Object.keys(query).length === 2 && 'PartitionKey' in query;
      return findOne.call(this, byEntityKey ? { RowKey: query.RowKey, PartitionKey: query.PartitionKey } : query);
    };

    // The partition a filter pins: `PartitionKey eq '<string>'`, alone or as a term of top-level `and`s.
    const pinnedPartition = (node) => {
      if (node instanceof AndNode) {
        return pinnedPartition(node.left) ?? pinnedPartition(node.right);
      }

      if (node instanceof EqualsNode) {
        const [identifier, constant] = node.left instanceof IdentifierNode ? [node.left, node.right] : [node.right, node.left];
        if (identifier instanceof IdentifierNode && identifier.identifier === 'PartitionKey'
          && constant instanceof ConstantNode && typeof constant.value === 'string') {
          return constant.value;
        }
      }

      return undefined;
    };

    QueryGenerator.generateQueryForPersistenceLayer = function generateWithPinnedPartition(queryOptions, context) {
      const filter = generateQueryForPersistenceLayer.call(this, queryOptions, context);
      if (typeof queryOptions?.filter === 'string' && queryOptions.filter.includes('PartitionKey')) {
        filter.pinnedPartition = pinnedPartition(parse(queryOptions.filter));
      }

      return filter;
    };

    Resultset.prototype.where = function whereWithinPinnedPartition(fun) {
      if (typeof fun?.pinnedPartition === 'string' && !this.filterInitialized && this.collection.binaryIndices?.PartitionKey) {
        this.find({ PartitionKey: fun.pinnedPartition });
      }

      return where.call(this, fun);
    };
  }
} catch {
  // Not found: leave Azurite as it is.
}
