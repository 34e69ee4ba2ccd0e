package dev.syncview.query;

import dev.syncview.view.IndexCounts;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where a page at a deep {@code offset} starts, from the bucket counts (IndexCounts) rather than by
 * walking the skipped entries: the counts are read in listing order, merged over all prefixes of a
 * listing (a scoped key's databases), and whole buckets are jumped until the one the offset lands
 * in; only that bucket's entries are left to skip. The read stops there, so its cost follows the
 * buckets before the offset, not the listing's length.
 */
final class OffsetSeek {
  /**
   * @param bucket the bucket the page starts in, or null when the offset is past the end
   * @param skip entries of that bucket (all prefixes) to skip before the page
   */
  record Start(Long bucket, long skip) {
    static final Start PAST_END = new Start(null, 0);
  }

  private OffsetSeek() {}

  static Start locate(
      ReadOnlyKeyValueStore<Bytes, byte[]> store, List<byte[]> prefixes, Order order, long offset) {
    Comparator<Head> byBucket = (a, b) -> Long.compareUnsigned(a.bucket, b.bucket);
    PriorityQueue<Head> heads = new PriorityQueue<>(order == Order.ASC ? byBucket : byBucket.reversed());
    try (OpenIterators open = new OpenIterators()) {
      for (byte[] prefix : prefixes) {
        Head head = new Head(open.add(counts(store, prefix, order)));
        if (head.advance()) {
          heads.add(head);
        }
      }
      return land(heads, offset);
    }
  }

  /** Adds counts bucket by bucket in listing order until {@code offset} entries are passed. */
  private static Start land(PriorityQueue<Head> heads, long offset) {
    long beforeBucket = 0;
    long inBucket = 0;
    Long bucket = null;
    while (!heads.isEmpty()) {
      Head head = heads.poll();
      if (bucket == null || head.bucket != bucket) {
        beforeBucket += inBucket;
        inBucket = 0;
        bucket = head.bucket;
      }
      inBucket += head.count;
      if (beforeBucket + inBucket > offset) {
        return new Start(bucket, offset - beforeBucket);
      }
      if (head.advance()) {
        heads.add(head);
      }
    }
    return Start.PAST_END;
  }

  private static KeyValueIterator<Bytes, byte[]> counts(
      ReadOnlyKeyValueStore<Bytes, byte[]> store, byte[] prefix, Order order) {
    Bytes low = Bytes.wrap(IndexCounts.lowestKey(prefix));
    Bytes high = Bytes.wrap(IndexCounts.highestKey(prefix));
    return order == Order.ASC ? store.range(low, high) : store.reverseRange(low, high);
  }

  private static final class Head {
    private final KeyValueIterator<Bytes, byte[]> it;
    private long bucket;
    private long count;

    Head(KeyValueIterator<Bytes, byte[]> it) {
      this.it = it;
    }

    boolean advance() {
      if (!it.hasNext()) {
        return false;
      }
      KeyValue<Bytes, byte[]> next = it.next();
      bucket = IndexCounts.bucketOf(next.key.get());
      count = IndexCounts.decode(next.value);
      return true;
    }
  }
}
