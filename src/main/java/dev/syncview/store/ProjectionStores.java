package dev.syncview.store;

import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The stores a topology declares: Kafka's persistent RocksDB store under this package's layers. */
public final class ProjectionStores {
  private ProjectionStores() {}

  /** A store that HTTP threads may read while its stream thread writes. */
  public static StoreBuilder<KeyValueStore<Bytes, byte[]>> plain(String name) {
    return uncached(rocksDb(name, ConcurrentReadStore::new));
  }

  /**
   * The view: rows are logged; their index entries and counts are derived below the log, on
   * write, on restore and on standbys alike.
   */
  public static StoreBuilder<KeyValueStore<Bytes, byte[]>> view(String name) {
    return uncached(rocksDb(name, rocks -> new IndexingViewStore(new ConcurrentReadStore(rocks))));
  }

  private static KeyValueBytesStoreSupplier rocksDb(
      String name, UnaryOperator<KeyValueStore<Bytes, byte[]>> layers) {
    KeyValueBytesStoreSupplier rocks = Stores.persistentKeyValueStore(name);
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return rocks.name();
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return layers.apply(rocks.get());
      }

      @Override
      public String metricsScope() {
        return rocks.metricsScope();
      }
    };
  }

  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> uncached(
      KeyValueBytesStoreSupplier supplier) {
    // No record cache: queries read the store directly and memory stays bounded by RocksDB.
    return Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray())
        .withCachingDisabled();
  }
}
