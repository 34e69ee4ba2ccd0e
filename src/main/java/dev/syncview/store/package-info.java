/**
 * The storage engine: Kafka Streams' persistent RocksDB stores under layers of our own. The only
 * package that touches RocksDB or Kafka's {@code internals} (ArchitectureTest holds that); the
 * topology declares its stores through {@link dev.syncview.store.ProjectionStores}, the runtime
 * opens them for queries through {@link dev.syncview.store.PinnedKeyValueStore}.
 *
 * <p>Its rules:
 *
 * <ul>
 *   <li><b>One writer, many readers.</b> A store partition is written by the one stream thread
 *       that owns its task and read by any number of HTTP threads at once. Reads take no lock
 *       (ConcurrentReadStore reads RocksDB's read-only view); closing refuses new reads and waits
 *       for the open ones, iterators included, before the native store goes away. A read that
 *       meets a closed partition throws {@code InvalidStateStoreException}, which the query port
 *       answers as 503.
 *   <li><b>Rows are logged, indexes are derived.</b> In the {@code view} store only rows, sources,
 *       facts and databases pass through the changelog; the index entries, bucket counts and
 *       member entries a row implies (view.IndexDelta) are written in the same RocksDB write batch
 *       (IndexingViewStore). Restore and standby replay the changelog through the same derivation
 *       (RestoreThrough), so every copy has the same indexes; local state written by another
 *       derivation (its layout marker differs) has its derived entries rebuilt from the rows first.
 *   <li><b>Queries read below Kafka's metering layers</b> (PinnedKeyValueStore): one partition,
 *       found once per task assignment, with identity serdes and no record cache.
 *   <li><b>Memory is bounded once per process</b> (RocksDbMemory, BoundedRocksDb): every store
 *       shares one block cache and one write-buffer budget, with partitioned indexes and filters.
 * </ul>
 */
package dev.syncview.store;
