package dev.syncview.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncview.domain.Kind;
import dev.syncview.domain.StatusKind;
import dev.syncview.testing.StoreContents;
import dev.syncview.view.IndexCounts;
import dev.syncview.view.RowAttrs;
import dev.syncview.view.RowValue;
import dev.syncview.view.ViewKeys;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The view store's own promise about local state: whatever another release left in a state
 * directory (entries and counts of another derivation, or a standby copy with rows only), the
 * store opens with exactly the entries and counts its rows imply.
 */
class IndexingViewStoreTest {
  static final HexFormat HEX = StoreContents.HEX;
  static final String SOURCE = "3f2a1c9e-0000-4000-8000-0000000000aa";

  @TempDir Path stateDir;

  /** An IndexingViewStore over RocksDB in the test's state directory, and that RocksDB store. */
  record Opened(IndexingViewStore view, KeyValueStore<Bytes, byte[]> rocks) implements AutoCloseable {
    @Override
    public void close() {
      view.close();
    }
  }

  Opened open() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "indexing-view-store-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    MockProcessorContext<Void, Void> context =
        new MockProcessorContext<>(p, new TaskId(0, 0), stateDir.toFile());
    KeyValueStore<Bytes, byte[]> rocks = Stores.persistentKeyValueStore("view").get();
    IndexingViewStore view = new IndexingViewStore(rocks);
    view.init(context.getStateStoreContext(), view);
    return new Opened(view, rocks);
  }

  /** What the store holds once opened again: the layout check and any rebuild run on open. */
  Map<String, String> reopenedContents() {
    try (Opened again = open()) {
      return StoreContents.hex(again.view());
    }
  }

  /**
   * Writes rows through the current derivation, then lets {@code leaveAs} alter the store below it
   * as another release could have left it. Returns what the current derivation had built.
   */
  Map<String, String> builtThenLeftAs(BiConsumer<Opened, Map<String, String>> leaveAs) {
    try (Opened first = open()) {
      writeRows(first.view());
      Map<String, String> built = StoreContents.hex(first.view());
      leaveAs.accept(first, built);
      return built;
    }
  }

  static void writeRows(KeyValueStore<Bytes, byte[]> view) {
    for (int i = 0; i < 40; i++) {
      String tenant = "tenant-" + (i % 3);
      String job = String.format("3f2a1c9e-0000-4000-8000-%012d", i);
      RowAttrs attrs = new RowAttrs(job, 1_780_000_000_000L + i * 3_600_000L, "db-" + (i % 2),
          Kind.values()[i % 3], StatusKind.values()[i % 5], SOURCE, i % 3 == 2 ? "k/" + i : null);
      RowValue row = i % 7 == 6
          ? RowValue.only(RowValue.State.DELETED, 0)
          : RowValue.listed(1, attrs, ("{\"id\":\"" + job + "\"}").getBytes(), new byte[0]);
      view.put(Bytes.wrap(ViewKeys.row(tenant, job)), row.encode());
    }
  }

  /** Damage only a raw write below the derivation can do: a lost entry, a wrong count, a stray entry. */
  static void damage(KeyValueStore<Bytes, byte[]> rocks, Map<String, String> built) {
    String entry = built.keySet().stream().filter(k -> tag(k) == 'I').findFirst().orElseThrow();
    String count = built.keySet().stream().filter(k -> tag(k) == 'C').findFirst().orElseThrow();
    rocks.delete(Bytes.wrap(HEX.parseHex(entry)));
    rocks.put(Bytes.wrap(HEX.parseHex(count)), IndexCounts.encode(99));
    byte[] stray = HEX.parseHex(entry);
    stray[stray.length - 1] ^= 0x55;
    rocks.put(Bytes.wrap(stray), new byte[0]);
  }

  static char tag(String hexKey) {
    return (char) ViewKeys.tagOf(HEX.parseHex(hexKey));
  }

  @Test
  void shouldRebuildEntriesAndCountsFromTheRowsWhenTheStoreWasBuiltByAnotherLayout() {
    // Given a store built by the current derivation, damaged as another release could have left
    // it, without this layout's marker
    Map<String, String> built =
        builtThenLeftAs((first, rows) -> {
          damage(first.rocks(), rows);
          first.rocks().delete(Bytes.wrap(ViewKeys.layoutMarker()));
          assertThat(StoreContents.hex(first.view())).isNotEqualTo(rows);
        });

    // When it is opened again, Then its entries and counts are exactly those its rows imply
    assertThat(reopenedContents()).isEqualTo(built);
  }

  @Test
  void shouldGiveEveryEntryItsCarriedItemWhenTheStoreWasBuiltByTheReleaseWhoseEntriesWereEmpty() {
    // Given a store as the release before carried items left it: every entry empty, its marker
    Map<String, String> built =
        builtThenLeftAs((first, rows) -> {
          rows.keySet().stream().filter(k -> tag(k) == 'I').forEach(entry ->
              first.rocks().put(Bytes.wrap(HEX.parseHex(entry)), new byte[0]));
          first.rocks().put(Bytes.wrap(ViewKeys.layoutMarker()), "entries-1/counts-2".getBytes());
        });

    // When the current release opens it, Then the entries of the indexes list_sources reads hold
    // their rows' items again
    assertThat(reopenedContents()).isEqualTo(built);
    assertThat(built.entrySet().stream()
            .filter(e -> tag(e.getKey()) == 'I' && ViewKeys.indexOf(HEX.parseHex(e.getKey())).carriesItems()))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.getValue()).startsWith(HEX.formatHex("{\"id\":".getBytes())));
  }

  @Test
  void shouldOpenAStoreOfTheCurrentLayoutWithoutRebuildingIt() {
    // Given a store of the current layout, damaged below the derivation
    Map<String, String> damaged;
    try (Opened first = open()) {
      writeRows(first.view());
      damage(first.rocks(), StoreContents.hex(first.view()));
      damaged = StoreContents.hex(first.view());
    }

    // When it is opened again, Then it is left as it is: the rebuild runs once per layout, not per open
    assertThat(reopenedContents()).isEqualTo(damaged);
  }

  @Test
  void shouldRefuseToWriteAnEntryOrACountDirectly() {
    try (Opened store = open()) {
      byte[] entry = ViewKeys.indexEntries("t", new RowAttrs(
          "3f2a1c9e-0000-4000-8000-000000000001", 0, "db", Kind.GITHUB, StatusKind.PENDING, SOURCE, null)).get(0);
      assertThatThrownBy(() -> store.view().put(Bytes.wrap(entry), new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
