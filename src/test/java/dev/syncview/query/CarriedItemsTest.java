package dev.syncview.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.domain.Kind;
import dev.syncview.domain.StatusKind;
import dev.syncview.view.RowAttrs;
import dev.syncview.view.RowValue;
import dev.syncview.view.ViewKeys;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A list_sources page answers with the items its index entries carry, and from the rows when an
 * entry holds none (a copy that escaped its layout rebuild): never with an empty item.
 */
class CarriedItemsTest {
  static final String TENANT = "acme";
  static final String JOB = "3f2a1c9e-0000-4000-8000-000000000001";
  static final Principal KEY = new Principal("k", TENANT, null);

  @ParameterizedTest(name = "entry value ''{0}'' -> item {1}")
  @CsvSource({"{\"from\":\"entry\"}, {\"from\":\"entry\"}", "'', {\"from\":\"row\"}"})
  void shouldAnswerWithTheCarriedItemOrTheRowsWhenTheEntryHoldsNone(String entryValue, String expected) {
    // Given a row and its entry in the all-jobs index, holding the given value
    RowAttrs attrs = new RowAttrs(JOB, 1_780_000_000_000L, "docs", Kind.GITHUB, StatusKind.PENDING, null, null);
    NavigableMap<Bytes, byte[]> view = new TreeMap<>();
    view.put(Bytes.wrap(ViewKeys.row(TENANT, JOB)), new RowValue(1, null, attrs, utf8("{\"from\":\"row\"}")).encode());
    byte[] entry = ViewKeys.indexEntries(TENANT, attrs).get(0);
    assertThat(ViewKeys.indexOf(entry).carriesItems()).isTrue();
    view.put(Bytes.wrap(entry), utf8(entryValue));

    // When the tenant lists its jobs
    Page page = new ViewReader(stores(view)).list(KEY, new ListQuery(null, null, 10, 0, Order.DESC));

    // Then the page holds the expected item
    assertThat(page.items()).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly(expected);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static ViewStores stores(NavigableMap<Bytes, byte[]> view) {
    ReadOnlyKeyValueStore<Bytes, byte[]> store = new MapStore(view);
    return new ViewStores() {
      @Override
      public ReadOnlyKeyValueStore<Bytes, byte[]> view(String tenant) {
        return store;
      }

      @Override
      public ReadOnlyKeyValueStore<Bytes, byte[]> auth() {
        return new MapStore(new TreeMap<>());
      }
    };
  }

  /** A read-only store over a sorted map; ranges are inclusive at both ends, as Streams' are. */
  record MapStore(NavigableMap<Bytes, byte[]> map) implements ReadOnlyKeyValueStore<Bytes, byte[]> {
    @Override
    public byte[] get(Bytes key) {
      return map.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
      return iterator(map.subMap(from, true, to, true));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
      return iterator(map.subMap(from, true, to, true).descendingMap());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
      return iterator(map);
    }

    @Override
    public long approximateNumEntries() {
      return map.size();
    }

    private static KeyValueIterator<Bytes, byte[]> iterator(Map<Bytes, byte[]> entries) {
      Iterator<Map.Entry<Bytes, byte[]>> it = List.copyOf(entries.entrySet()).iterator();
      return new KeyValueIterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
          Map.Entry<Bytes, byte[]> e = it.next();
          return KeyValue.pair(e.getKey(), e.getValue());
        }

        @Override
        public void close() {}

        @Override
        public Bytes peekNextKey() {
          throw new UnsupportedOperationException();
        }
      };
    }
  }
}
