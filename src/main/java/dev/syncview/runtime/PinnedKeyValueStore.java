package dev.syncview.runtime;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * A queryable store type (Kafka's documented hook for custom store types) that finds the one store
 * partition a query asked for once, when the store is opened, and answers from it directly.
 * Streams' own key-value type re-finds the partition's store on every {@code get} by walking the
 * thread's tasks; a listing does a hundred gets, and that walk was 30% of a request's CPU
 * (BENCHMARKS.md). An opened partition is kept until the task assignment changes
 * ({@link HeldUntilRebalance}); one that closes meanwhile makes its reads throw {@link
 * InvalidStateStoreException}, as with Streams' own type.
 */
final class PinnedKeyValueStore implements QueryableStoreType<ReadOnlyKeyValueStore<Bytes, byte[]>> {
  static final PinnedKeyValueStore TYPE = new PinnedKeyValueStore();

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
    return stores.get(0);
  }
}
