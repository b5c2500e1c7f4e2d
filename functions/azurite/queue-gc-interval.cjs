// Preloaded into Azurite (node --require) by the local host and the benchmark: Azurite's queue service
// sweeps deleted messages every 5 s instead of every 60 s.
// Its in-memory store keeps one extent per message, and the sweep removes the unreferenced ones one by
// one, re-indexing the whole extent collection each time: a sweep costs about (garbage x extents). A
// minute of a few hundred messages a second made one sweep that kept Azurite busy for tens of seconds,
// answering nothing, until leases ran out. Small, frequent sweeps cost little. If a later Azurite moves
// the constant, this does nothing and Azurite keeps its own interval.
try {
  const constants = require(require.resolve('azurite/dist/src/queue/utils/constants', { paths: [__dirname] }));
  constants.DEFAULT_GC_INTERVAL_MS = 5_000;
} catch {
  // Not found: leave Azurite as it is.
}
