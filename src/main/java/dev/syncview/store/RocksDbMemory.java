package dev.syncview.store;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The one off-heap budget shared by every RocksDB store of this instance: a block cache of the
 * configured size, with memtables (through a write-buffer manager) and index/filter blocks charged
 * to it, so memory stays bounded whatever the number of stores and partitions. Owned by the
 * projection, closed after Streams.
 */
public final class RocksDbMemory implements AutoCloseable {
  /** Key under which the instance travels to {@link BoundedRocksDb} inside the Streams configs. */
  static final String CONFIG_KEY = "syncview.rocksdb.memory";
  private static final double MEMTABLE_SHARE = 0.5;
  private static final double HIGH_PRIORITY_SHARE = 0.1;

  private final long bytes;
  private final Cache cache;
  private final WriteBufferManager writeBuffers;

  public RocksDbMemory(long bytes) {
    RocksDB.loadLibrary(); // Streams loads it only when its first store opens
    this.bytes = bytes;
    this.cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_SHARE);
    this.writeBuffers = new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache);
  }

  /** Makes every RocksDB store of the Streams client these properties configure share this memory. */
  public void bound(Map<Object, Object> streamsProperties) {
    streamsProperties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
    streamsProperties.put(CONFIG_KEY, this);
  }

  Cache cache() {
    return cache;
  }

  WriteBufferManager writeBuffers() {
    return writeBuffers;
  }

  /** One memtable of a store: small enough that many stores fit the shared memtable budget. */
  long memtableBytes() {
    return Math.max(1L << 20, Math.min(16L << 20, (long) (bytes * MEMTABLE_SHARE) / 8));
  }

  @Override
  public void close() {
    writeBuffers.close();
    cache.close();
  }
}
