package dev.syncview.store;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.ChangeLoggingKeyValueBytesStore;
import org.apache.kafka.streams.state.internals.MeteredKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A queryable store type (Kafka's documented hook for custom store types) that finds the one store
 * partition a query asked for once, when the store is opened, and answers from it directly.
 * Streams' own key-value type re-finds the partition's store on every {@code get} by walking the
 * thread's tasks; a listing does a hundred gets, and that walk was a large share of a request's
 * CPU (BENCHMARKS.md). An opened partition is kept until the task assignment changes (the
 * runtime's {@code HeldUntilRebalance}); one that closes meanwhile makes its reads throw {@link
 * InvalidStateStoreException}, as with Streams' own type.
 */
public final class PinnedKeyValueStore implements QueryableStoreType<ReadOnlyKeyValueStore<Bytes, byte[]>> {
  public static final PinnedKeyValueStore TYPE = new PinnedKeyValueStore();

  private PinnedKeyValueStore() {}

  @Override
  public boolean accepts(StateStore stateStore) {
    return stateStore instanceof ReadOnlyKeyValueStore;
  }

  @Override
  public ReadOnlyKeyValueStore<Bytes, byte[]> create(StateStoreProvider storeProvider, String storeName) {
    List<ReadOnlyKeyValueStore<Bytes, byte[]>> stores = storeProvider.stores(storeName, this);
    if (stores.size() != 1) {
      // Queries name one partition (or the global store); more would mean a wrong query.
      throw new InvalidStateStoreException(
          "expected one partition of store " + storeName + ", found " + stores.size());
    }
    return readLayer(stores.get(0));
  }

  /**
   * The store under Kafka's metering and change-logging layers, which add nothing to a read of
   * bytes (identity serdes, no caching) but cost a listing about a tenth of its handler's samples:
   * the metering layer registers every range iterator in a shared skip list and times it. Only
   * those exact classes are stepped over (their timestamped subclasses change values); queries do
   * not show in the store's read metrics.
   */
  @SuppressWarnings("unchecked")
  static ReadOnlyKeyValueStore<Bytes, byte[]> readLayer(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
    Object s = store;
    while (s.getClass() == MeteredKeyValueStore.class || s.getClass() == ChangeLoggingKeyValueBytesStore.class) {
      s = ((WrappedStateStore<?, ?, ?>) s).wrapped();
    }
    return (ReadOnlyKeyValueStore<Bytes, byte[]>) s;
  }
}
