package dev.syncview.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.MeteredKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PinnedKeyValueStoreTest {
  static KeyValueStore<Bytes, byte[]> store(String name) {
    KeyValueBytesStoreSupplier supplier = Stores.inMemoryKeyValueStore(name);
    return supplier.get();
  }

  /** What Streams hands the type: the stores its provider found for the query. */
  static StateStoreProvider providing(List<KeyValueStore<Bytes, byte[]>> found) {
    return new StateStoreProvider() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> List<T> stores(String storeName, QueryableStoreType<T> type) {
        List<T> out = new ArrayList<>();
        for (KeyValueStore<Bytes, byte[]> s : found) {
          if (type.accepts(s)) {
            out.add((T) s);
          }
        }
        return out;
      }
    };
  }

  @Test
  void shouldAnswerFromTheOnePartitionFoundWhenOpened() {
    KeyValueStore<Bytes, byte[]> partition = store("view");

    ReadOnlyKeyValueStore<Bytes, byte[]> opened =
        PinnedKeyValueStore.TYPE.create(providing(List.of(partition)), "view");

    assertThat(opened).isSameAs(partition);
  }

  @Test
  void shouldReadBelowKafkasMeteringAndChangeLoggingLayersWhenOpened() {
    // Given a partition as Streams builds it: metered, change-logged, over the bytes store
    KeyValueStore<Bytes, byte[]> layered =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("view"), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingEnabled(Map.of())
            .withCachingDisabled()
            .build();

    // When it is opened for a query
    ReadOnlyKeyValueStore<Bytes, byte[]> opened =
        PinnedKeyValueStore.TYPE.create(providing(List.of(layered)), "view");

    // Then reads go to the bytes store itself
    assertThat(layered).isInstanceOf(MeteredKeyValueStore.class);
    assertThat(opened).isNotInstanceOf(WrappedStateStore.class).isInstanceOf(store("other").getClass());
  }

  @Test
  void shouldKeepATimestampedLayerWhenOpened() {
    // Given a timestamped store, whose inner values carry their timestamps
    var timestamped =
        Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("view"), Serdes.Bytes(), Serdes.ByteArray())
            .withCachingDisabled()
            .build();

    // When it is stepped through, Then its metering layer stays: it turns values back into values
    assertThat((Object) PinnedKeyValueStore.readLayer((ReadOnlyKeyValueStore) timestamped)).isSameAs(timestamped);
  }

  @ParameterizedTest(name = "{0} stores found")
  @ValueSource(ints = {0, 2})
  void shouldRefuseToOpenWhenTheQueryDoesNotNameExactlyOnePartition(int found) {
    List<KeyValueStore<Bytes, byte[]>> stores = new ArrayList<>();
    for (int i = 0; i < found; i++) {
      stores.add(store("view"));
    }

    assertThatThrownBy(() -> PinnedKeyValueStore.TYPE.create(providing(stores), "view"))
        .isInstanceOf(InvalidStateStoreException.class)
        .hasMessageContaining("found " + found);
  }
}
