// Azurite's garbage collector removes unreferenced queue extents in one batch instead of one at a time.
// Azurite's in-memory store keeps one extent per queue message. Once a minute its sweep deletes those of
// deleted messages, each with its own findAndRemove, which re-indexes the whole extent collection: a sweep
// costs about (garbage x extents). After a minute of a few hundred messages a second that kept Azurite
// busy for tens of seconds, answering nothing, until message leases ran out (profiled through its
// inspector). One batched removal marks the index dirty once. Written for Azurite 3.35 (package-lock.json);
// if a later Azurite is shaped differently, this leaves it as it is.
try {
  const resolve = (module) => require.resolve(`azurite/dist/src/common/persistence/${module}`, { paths: [__dirname] });
  const MemoryExtentStore = require(resolve('MemoryExtentStore')).default;
  const oneByOne = MemoryExtentStore.prototype.deleteExtents;
  MemoryExtentStore.prototype.deleteExtents = async function deleteExtents(extents) {
    const metadata = this.metadataStore;
    const collection = metadata?.db?.getCollection?.(metadata.EXTENTS_COLLECTION);
    if (!collection || typeof this.chunks?.delete !== 'function') {
      return oneByOne.call(this, extents);
    }

    const ids = [...extents];
    for (const id of ids) {
      this.chunks.delete(this.categoryName, id);
    }

    collection.chain().find({ id: { $in: ids } }).remove();
    return ids.length;
  };
} catch {
  // Not found: leave Azurite as it is.
}
