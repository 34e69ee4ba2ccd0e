package dev.syncview.topology;

import dev.syncview.view.IndexCounts;
import dev.syncview.view.IndexDelta;
import dev.syncview.view.RowValue;
import dev.syncview.view.ViewKeys;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@code view} store's bottom layer, under Streams' change-logging layer and over its RocksDB
 * store: writing a row also writes, in the same RocksDB write batch, the index entries and bucket
 * counts the row implies (IndexDelta). Only rows, sources and databases pass through the
 * change-logging layer, so the changelog holds about one record per change instead of one per
 * entry and count (docs/key-layout.md). Restoring or replicating the store (standbys) replays the
 * changelog through the same derivation, so every copy has its indexes.
 */
final class IndexingViewStore implements KeyValueStore<Bytes, byte[]> {
  private static final byte[] EMPTY = new byte[0];
  private final KeyValueStore<Bytes, byte[]> rocks;

  IndexingViewStore(KeyValueStore<Bytes, byte[]> rocks) {
    this.rocks = rocks;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    rocks.init(new RestoreThrough(context, (BatchingStateRestoreCallback) this::restoreAll), root);
  }

  /** Changelog records of entries or counts (written before they were derived) are skipped. */
  private void restoreAll(Collection<KeyValue<byte[], byte[]>> records) {
    for (KeyValue<byte[], byte[]> r : records) {
      if (!ViewKeys.isDerived(r.key)) {
        write(Bytes.wrap(r.key), r.value);
      }
    }
  }

  @Override
  public void put(Bytes key, byte[] value) {
    write(key, value);
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    byte[] old = rocks.get(key);
    if (old == null) {
      write(key, value);
    }
    return old;
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    for (KeyValue<Bytes, byte[]> e : entries) {
      write(e.key, e.value);
    }
  }

  @Override
  public byte[] delete(Bytes key) {
    byte[] old = rocks.get(key);
    write(key, null);
    return old;
  }

  /** A null value deletes. */
  private void write(Bytes key, byte[] value) {
    byte[] k = key.get();
    if (ViewKeys.isDerived(k)) {
      throw new IllegalArgumentException("index entries and counts are derived from rows, not written");
    }
    if (!ViewKeys.isRow(k)) {
      if (value == null) {
        rocks.delete(key);
      } else {
        rocks.put(key, value);
      }
      return;
    }
    IndexDelta delta = IndexDelta.between(ViewKeys.tenantOf(k), decode(rocks.get(key)), decode(value));
    List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(1 + 2 * (delta.removed().size() + delta.added().size()));
    batch.add(KeyValue.pair(key, value));
    for (byte[] entry : delta.removed()) {
      batch.add(KeyValue.pair(Bytes.wrap(entry), null));
    }
    for (byte[] entry : delta.added()) {
      batch.add(KeyValue.pair(Bytes.wrap(entry), EMPTY));
    }
    for (Map.Entry<ByteBuffer, Long> count : delta.countDeltas().entrySet()) {
      Bytes countKey = Bytes.wrap(count.getKey().array());
      long n = IndexCounts.decode(rocks.get(countKey)) + count.getValue();
      batch.add(KeyValue.pair(countKey, n > 0 ? IndexCounts.encode(n) : null));
    }
    // One write batch: a row and its entries and counts never part, even if the process dies.
    rocks.putAll(batch);
  }

  private static RowValue decode(byte[] value) {
    return value == null ? null : RowValue.decode(value);
  }

  @Override
  public byte[] get(Bytes key) {
    return rocks.get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return rocks.range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return rocks.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return rocks.all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return rocks.reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
    return rocks.prefixScan(prefix, serializer);
  }

  @Override
  public long approximateNumEntries() {
    return rocks.approximateNumEntries();
  }

  @Override
  public String name() {
    return rocks.name();
  }

  @Override
  public void flush() {
    rocks.flush();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    rocks.commit(changelogOffsets);
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return rocks.committedOffset(partition);
  }

  @Override
  public boolean managesOffsets() {
    return rocks.managesOffsets();
  }

  @Override
  public long approximateNumUncommittedBytes() {
    return rocks.approximateNumUncommittedBytes();
  }

  @Override
  public void close() {
    rocks.close();
  }

  @Override
  public boolean persistent() {
    return rocks.persistent();
  }

  @Override
  public boolean isOpen() {
    return rocks.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
    return rocks.query(query, positionBound, config);
  }

  @Override
  public Position getPosition() {
    return rocks.getPosition();
  }
}
