package dev.syncview.query;

import dev.syncview.view.IndexCounts;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where a page at a deep {@code offset} starts, from the bucket counts (IndexCounts) rather than by
 * walking the skipped entries: whole coarse buckets are jumped, then whole fine buckets inside the
 * coarse one the offset lands in; only the entries of one fine bucket are left to skip. The counts
 * of all prefixes of a listing (a scoped key's databases) are added bucket by bucket.
 */
final class OffsetSeek {
  /**
   * @param fineBucket the fine bucket the page starts in (listing order), or null when the offset
   *     is past the end
   * @param skip entries of that bucket to skip before the page
   */
  record Start(Long fineBucket, long skip) {
    static final Start PAST_END = new Start(null, 0);
  }

  private OffsetSeek() {}

  static Start locate(
      ReadOnlyKeyValueStore<Bytes, byte[]> store, List<byte[]> prefixes, Order order, long offset) {
    long remaining = offset;
    Landing coarse = land(store, prefixes, order, IndexCounts.COARSE, 0, -1, remaining);
    if (coarse == null) {
      return Start.PAST_END;
    }
    Landing fine =
        land(
            store,
            prefixes,
            order,
            IndexCounts.FINE,
            IndexCounts.firstFine(coarse.bucket),
            IndexCounts.lastFine(coarse.bucket),
            coarse.remaining);
    if (fine == null) {
      // The counts disagree with each other: never expected, but never answer a wrong page.
      throw new IllegalStateException("fine bucket counts do not add up to their coarse bucket");
    }
    return new Start(fine.bucket, fine.remaining);
  }

  private record Landing(long bucket, long remaining) {}

  /** The bucket (in listing order) where {@code offset} entries have been passed, or null. */
  private static Landing land(
      ReadOnlyKeyValueStore<Bytes, byte[]> store,
      List<byte[]> prefixes,
      Order order,
      int level,
      long from,
      long to,
      long offset) {
    TreeMap<Long, Long> sums = new TreeMap<>(Long::compareUnsigned);
    for (byte[] prefix : prefixes) {
      Bytes low = Bytes.wrap(IndexCounts.key(prefix, level, from));
      Bytes high = Bytes.wrap(IndexCounts.key(prefix, level, to));
      try (KeyValueIterator<Bytes, byte[]> it = store.range(low, high)) {
        while (it.hasNext()) {
          KeyValue<Bytes, byte[]> kv = it.next();
          sums.merge(IndexCounts.bucketOf(kv.key.get()), IndexCounts.decode(kv.value), Long::sum);
        }
      }
    }
    long remaining = offset;
    for (Map.Entry<Long, Long> e :
        (order == Order.ASC ? sums : sums.descendingMap()).entrySet()) {
      if (remaining < e.getValue()) {
        return new Landing(e.getKey(), remaining);
      }
      remaining -= e.getValue();
    }
    return null;
  }
}
