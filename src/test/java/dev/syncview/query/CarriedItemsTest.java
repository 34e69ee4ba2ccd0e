package dev.syncview.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.domain.Kind;
import dev.syncview.domain.StatusKind;
import dev.syncview.view.RowAttrs;
import dev.syncview.view.RowValue;
import dev.syncview.view.ViewKeys;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
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
    Map<Bytes, byte[]> view = new HashMap<>();
    view.put(Bytes.wrap(ViewKeys.row(TENANT, JOB)), RowValue.listed(1, attrs, utf8("{\"from\":\"row\"}"), new byte[0]).encode());
    byte[] entry = ViewKeys.indexEntries(TENANT, attrs).get(0);
    assertThat(ViewKeys.indexOf(entry).carriesItems()).isTrue();
    view.put(Bytes.wrap(entry), utf8(entryValue));

    // When the tenant lists its jobs
    Page page = ViewReader.of(stores(view)).list(KEY, new ListQuery(null, null, 10, 0, Order.DESC));

    // Then the page holds the expected item
    assertThat(page.items()).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly(expected);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A tenant's view in Kafka Streams' in-memory store, read through the query port. */
  static ViewStores stores(Map<Bytes, byte[]> contents) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "carried-items-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    KeyValueStore<Bytes, byte[]> store = Stores.inMemoryKeyValueStore("view").get();
    store.init(new MockProcessorContext<>(p).getStateStoreContext(), store);
    contents.forEach(store::put);
    return new ViewStores() {
      @Override
      public ReadOnlyKeyValueStore<Bytes, byte[]> view(String tenant) {
        return store;
      }

      @Override
      public ReadOnlyKeyValueStore<Bytes, byte[]> auth() {
        throw new UnsupportedOperationException("the test's principal is given");
      }
    };
  }
}
