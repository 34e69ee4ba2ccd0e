package dev.syncview.store;

import dev.syncview.view.IndexCounts;
import dev.syncview.view.IndexDelta;
import dev.syncview.view.RowValue;
import dev.syncview.view.ViewKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code view} store's bottom layer, under Streams' change-logging layer and over its RocksDB
 * store: writing a row also writes, in the same RocksDB write batch, the index entries and bucket
 * counts the row implies (IndexDelta). Only rows, sources and databases pass through the
 * change-logging layer, so the changelog holds about one record per change instead of one per
 * entry and count (docs/key-layout.md). Restoring or replicating the store (standbys) replays the
 * changelog through the same derivation, so every copy has its indexes.
 */
final class IndexingViewStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
    implements KeyValueStore<Bytes, byte[]> {
  private static final byte[] LAYOUT = IndexDelta.LAYOUT.getBytes(StandardCharsets.US_ASCII);
  private static final int REBUILD_CHUNK = 1_000;
  private static final Logger log = LoggerFactory.getLogger(IndexingViewStore.class);

  IndexingViewStore(KeyValueStore<Bytes, byte[]> rocks) {
    // Streams' own layering base (as its change-logging layer uses): name, commit, offsets,
    // close, queries and the rest go to the RocksDB store unchanged.
    super(rocks);
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    wrapped().init(new RestoreThrough(context, (BatchingStateRestoreCallback) this::restoreAll), root);
    Bytes marker = Bytes.wrap(ViewKeys.layoutMarker());
    if (!Arrays.equals(wrapped().get(marker), LAYOUT)) {
      rebuildFromRows();
      wrapped().put(marker, LAYOUT);
    }
  }

  /**
   * Local state written by another derivation (an older release, which logged entries itself and
   * so may hold a standby copy with rows only) is made consistent before anything restores into it
   * or reads it: every entry and count is dropped and derived again from the rows. Once per store
   * and layout; an empty store only gets its marker.
   */
  private void rebuildFromRows() {
    List<KeyValue<Bytes, byte[]>> deletes = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = wrapped().all()) {
      while (it.hasNext()) {
        Bytes key = it.next().key;
        if (ViewKeys.isDerived(key.get())) {
          deletes.add(KeyValue.pair(key, null));
          if (deletes.size() >= REBUILD_CHUNK) {
            wrapped().putAll(deletes);
            deletes.clear();
          }
        }
      }
    }
    wrapped().putAll(deletes);
    List<KeyValue<Bytes, byte[]>> rows = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = wrapped().all()) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        if (ViewKeys.isRow(kv.key.get())) {
          rows.add(kv);
          if (rows.size() >= REBUILD_CHUNK) {
            apply(rows, true);
            rows.clear();
          }
        }
      }
    }
    apply(rows, true);
  }

  /** Changelog records of entries or counts (written before they were derived) are skipped. */
  private void restoreAll(Collection<KeyValue<byte[], byte[]>> records) {
    List<KeyValue<Bytes, byte[]>> rows = new ArrayList<>(records.size());
    for (KeyValue<byte[], byte[]> r : records) {
      if (!ViewKeys.isDerived(r.key)) {
        rows.add(KeyValue.pair(Bytes.wrap(r.key), r.value));
      }
    }
    apply(rows, false);
  }

  @Override
  public void put(Bytes key, byte[] value) {
    write(key, value);
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    byte[] old = wrapped().get(key);
    if (old == null) {
      write(key, value);
    }
    return old;
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    entries.forEach(e -> requireNotDerived(e.key));
    apply(entries, false);
  }

  @Override
  public byte[] delete(Bytes key) {
    byte[] old = wrapped().get(key);
    write(key, null);
    return old;
  }

  /** A null value deletes. */
  private void write(Bytes key, byte[] value) {
    requireNotDerived(key);
    apply(List.of(KeyValue.pair(key, value)), false);
  }

  private static void requireNotDerived(Bytes key) {
    if (ViewKeys.isDerived(key.get())) {
      throw new IllegalArgumentException("index entries and counts are derived from rows, not written");
    }
  }

  /**
   * Writes changes (null values delete) with the entries and counts their rows imply, all in one
   * RocksDB write batch, so a row and its entries never part, even if the process dies. A row or
   * count changed twice in one call is read once: later changes see the earlier ones (a restore
   * batch of a thousand records reads each count it touches once). {@code rowsAreNew}: derive as
   * if no row had been stored before (a rebuild, after every entry and count was dropped).
   */
  private void apply(List<KeyValue<Bytes, byte[]>> changes, boolean rowsAreNew) {
    Map<Bytes, byte[]> rows = new HashMap<>();
    Map<Bytes, Long> counts = new HashMap<>();
    List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(changes.size() * 28);
    for (KeyValue<Bytes, byte[]> change : changes) {
      byte[] k = change.key.get();
      if (ViewKeys.isRow(k)) {
        byte[] before =
            rows.containsKey(change.key) ? rows.get(change.key) : rowsAreNew ? null : wrapped().get(change.key);
        IndexDelta delta = IndexDelta.between(k, decode(before), decode(change.value));
        delta.removed().forEach(entry -> batch.add(KeyValue.pair(Bytes.wrap(entry), null)));
        delta.writes().forEach(entry -> batch.add(KeyValue.pair(Bytes.wrap(entry.key()), entry.value())));
        delta.counts().forEach((countKey, d) ->
            counts.merge(Bytes.wrap(countKey.array()), d, Long::sum));
        rows.put(change.key, change.value);
      }
      batch.add(change);
    }
    counts.forEach((countKey, d) -> {
      if (d != 0) {
        long n = IndexCounts.decode(wrapped().get(countKey)) + d;
        if (n < 0) {
          // Cannot happen while the entries follow the rows; deep offsets would be off if it did.
          log.warn("a bucket count of the view went below zero ({}); deep offsets may be off", n);
        }
        batch.add(KeyValue.pair(countKey, n > 0 ? IndexCounts.encode(n) : null));
      }
    });
    wrapped().putAll(batch);
  }

  private static RowValue decode(byte[] value) {
    return value == null ? null : RowValue.decode(value);
  }

  @Override
  public byte[] get(Bytes key) {
    return wrapped().get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return wrapped().reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return wrapped().all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return wrapped().reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
    return wrapped().prefixScan(prefix, serializer);
  }

  @Override
  public long approximateNumEntries() {
    return wrapped().approximateNumEntries();
  }
}
