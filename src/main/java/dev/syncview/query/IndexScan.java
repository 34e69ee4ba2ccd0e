package dev.syncview.query;

import dev.syncview.view.IndexCounts;
import dev.syncview.view.ViewKeys;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one page of index entries (key and value) under one or more disjoint prefixes (one per database a scoped key
 * may see), merged in listing order. A deep offset in a counted index first jumps whole time
 * buckets with their counts (OffsetSeek), so a page touches the bucket counts, at most one bucket's
 * entries and {@code limit} more, plus one per prefix, whatever else the store holds; in an index
 * without counts it walks the skipped entries ({@code offset + limit}); a cursor page seeks
 * directly.
 */
final class IndexScan {
  /** Orders index keys by their (created_at, job id) suffix, the listing order. */
  private static final Comparator<byte[]> BY_SUFFIX =
      (a, b) ->
          Arrays.compareUnsigned(
              a, a.length - ViewKeys.ORDER_SUFFIX, a.length,
              b, b.length - ViewKeys.ORDER_SUFFIX, b.length);

  /**
   * Below this offset walking the skipped entries is cheaper than reading bucket counts (a count
   * entry costs what an index entry does, and a listing has many more buckets than a short walk).
   */
  static final long JUMP_FROM = 256;

  private IndexScan() {}

  /**
   * @param after the position of the last item already seen, or null: the scan starts right after
   *     it (a seek, so a cursor page costs the same at any depth)
   */
  static List<KeyValue<byte[], byte[]>> page(
      ReadOnlyKeyValueStore<Bytes, byte[]> store,
      List<byte[]> prefixes,
      Order order,
      long offset,
      int limit,
      Position after) {
    List<KeyValue<byte[], byte[]>> out = new ArrayList<>(Math.min(limit, 1024));
    if (limit == 0 || prefixes.isEmpty()) {
      return out;
    }
    Long bucket = null;
    long skip = offset;
    if (offset >= JUMP_FROM && after == null && ViewKeys.indexOf(prefixes.get(0)).counted()) {
      OffsetSeek.Start start = OffsetSeek.locate(store, prefixes, order, offset);
      if (start.bucket() == null) {
        return out;
      }
      bucket = start.bucket();
      skip = start.skip();
    }
    Comparator<Head> cmp = Comparator.comparing(h -> h.key, BY_SUFFIX);
    PriorityQueue<Head> heads = new PriorityQueue<>(order == Order.ASC ? cmp : cmp.reversed());
    try (OpenIterators open = new OpenIterators()) {
      for (byte[] prefix : prefixes) {
        byte[] seen = after == null ? null : ViewKeys.at(prefix, after.createdAt(), after.jobId());
        KeyValueIterator<Bytes, byte[]> it =
            bucket == null ? scan(store, prefix, order, seen) : scanFromBucket(store, prefix, order, bucket);
        Head head = new Head(open.add(it), seen);
        if (head.advance()) {
          heads.add(head);
        }
      }
      long skipped = 0;
      while (!heads.isEmpty() && out.size() < limit) {
        Head head = heads.poll();
        if (skipped < skip) {
          skipped++;
        } else {
          out.add(KeyValue.pair(head.key, head.value));
        }
        if (head.advance()) {
          heads.add(head);
        }
      }
    }
    return out;
  }

  /** The prefix's entries in listing order, starting at {@code seen} (inclusive) if given. */
  private static KeyValueIterator<Bytes, byte[]> scan(
      ReadOnlyKeyValueStore<Bytes, byte[]> store, byte[] prefix, Order order, byte[] seen) {
    Bytes low = Bytes.wrap(ViewKeys.lowest(prefix));
    Bytes high = Bytes.wrap(ViewKeys.highest(prefix));
    if (order == Order.ASC) {
      return store.range(seen == null ? low : Bytes.wrap(seen), high);
    }
    return store.reverseRange(low, seen == null ? high : Bytes.wrap(seen));
  }

  /** The prefix's entries in listing order from the first one of a bucket on. */
  private static KeyValueIterator<Bytes, byte[]> scanFromBucket(
      ReadOnlyKeyValueStore<Bytes, byte[]> store, byte[] prefix, Order order, long bucket) {
    if (order == Order.ASC) {
      byte[] from = ViewKeys.lowest(prefix);
      ByteBuffer.wrap(from, prefix.length, 8).putLong(IndexCounts.lowestOrderable(bucket));
      return store.range(Bytes.wrap(from), Bytes.wrap(ViewKeys.highest(prefix)));
    }
    byte[] to = ViewKeys.highest(prefix);
    ByteBuffer.wrap(to, prefix.length, 8).putLong(IndexCounts.highestOrderable(bucket));
    return store.reverseRange(Bytes.wrap(ViewKeys.lowest(prefix)), Bytes.wrap(to));
  }

  private static final class Head {
    private final KeyValueIterator<Bytes, byte[]> it;
    private final byte[] seen;
    private byte[] key;
    private byte[] value;

    Head(KeyValueIterator<Bytes, byte[]> it, byte[] seen) {
      this.it = it;
      this.seen = seen;
    }

    /** Moves to the next entry, stepping over the already seen position itself. */
    boolean advance() {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> next = it.next();
        key = next.key.get();
        value = next.value;
        if (seen == null || !Arrays.equals(key, seen)) {
          return true;
        }
      }
      return false;
    }
  }
}
