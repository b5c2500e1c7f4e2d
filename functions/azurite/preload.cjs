// Loaded into Azurite (node --require preload.cjs) by the local host and the benchmark. Each file fixes an
// emulator cost that grows with the data it holds and that Azure Storage does not have; each leaves Azurite
// as it is when its internals are not the ones it was written for (Azurite 3.35, package-lock.json).
require('./queue-gc.cjs');
require('./table-indexes.cjs');
require('./table-updates.cjs');
