package dev.syncview.store;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.IndexType;
import org.rocksdb.Options;

/**
 * Puts every store on the instance's shared {@link RocksDbMemory} (Kafka's "bounded memory"
 * recipe). Streams instantiates this class by name, so the shared objects come in through the
 * configs rather than a static field.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
  private static final long BLOCK_SIZE = 16 * 1024;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    if (!(configs.get(RocksDbMemory.CONFIG_KEY) instanceof RocksDbMemory memory)) {
      throw new IllegalStateException(RocksDbMemory.CONFIG_KEY + " is missing from the Streams configs");
    }
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(memory.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    // Partitioned index and filters: a lookup loads one small partition, not a whole file's filter
    // (megabytes per large SST). Whole-file blocks outgrow the cache's high-priority share on a
    // large view and every get reloads them (BENCHMARKS.md, 1M events). Only the small top level
    // stays pinned.
    table.setIndexType(IndexType.kTwoLevelIndexSearch);
    table.setPartitionFilters(true);
    table.setMetadataBlockSize(4096);
    table.setPinTopLevelIndexAndFilter(true);
    table.setBlockSize(BLOCK_SIZE);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(memory.writeBuffers());
    options.setWriteBufferSize(memory.memtableBytes());
    options.setMaxWriteBufferNumber(2);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write-buffer manager are shared: RocksDbMemory closes them after Streams.
  }
}
