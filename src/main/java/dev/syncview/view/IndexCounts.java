package dev.syncview.view;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How many index entries each time bucket of each index prefix holds, so that a deep {@code offset}
 * jumps over whole buckets instead of walking their entries. One level of buckets of 2^24 ms (about
 * 4.7 hours): 463 buckets span 90 days, and at the densities measured (BENCHMARKS.md) reading the
 * counts and walking one bucket both stay small. (The first
 * layout kept two levels, 2^26 and 2^18 ms; the second level doubled the writes every job costs
 * for a gain only at densities far above what the service is measured at: BENCHMARKS.md.)
 *
 * <p>A count key is the index prefix with its tag changed from 'I' to 'C', a level byte and the
 * bucket number (created_at, sign-flipped, shifted right; big-endian), so byte order is bucket
 * order.
 */
public final class IndexCounts {
  static final int SHIFT = 24;
  /** Levels 0 and 1 were the two levels of the first layout: never reuse them. */
  static final byte LEVEL = 2;
  static final byte COUNT = 'C';
  private static final int BUCKET_BYTES = 8;

  private IndexCounts() {}

  /** The count key an index entry counts in. */
  public static byte[] keyOf(byte[] indexEntry) {
    int prefixLength = indexEntry.length - ViewKeys.ORDER_SUFFIX;
    long orderable = ByteBuffer.wrap(indexEntry, prefixLength, 8).getLong();
    return key(Arrays.copyOf(indexEntry, prefixLength), orderable >>> SHIFT);
  }

  /** The count key of one bucket of an index prefix. */
  public static byte[] key(byte[] indexPrefix, long bucket) {
    byte[] k = Arrays.copyOf(indexPrefix, indexPrefix.length + 1 + BUCKET_BYTES);
    k[ViewKeys.tagPosition(indexPrefix)] = COUNT;
    k[indexPrefix.length] = LEVEL;
    ByteBuffer.wrap(k, indexPrefix.length + 1, BUCKET_BYTES).putLong(bucket);
    return k;
  }

  /** The count keys of every bucket of an index prefix lie between these two (inclusive). */
  public static byte[] lowestKey(byte[] indexPrefix) {
    return key(indexPrefix, 0);
  }

  public static byte[] highestKey(byte[] indexPrefix) {
    return key(indexPrefix, -1);
  }

  public static long bucketOf(byte[] countKey) {
    return ByteBuffer.wrap(countKey, countKey.length - BUCKET_BYTES, BUCKET_BYTES).getLong();
  }

  /** The smallest and largest sign-flipped created_at of a bucket. */
  public static long lowestOrderable(long bucket) {
    return bucket << SHIFT;
  }

  public static long highestOrderable(long bucket) {
    return ((bucket + 1) << SHIFT) - 1;
  }

  public static byte[] encode(long count) {
    return ByteBuffer.allocate(8).putLong(count).array();
  }

  public static long decode(byte[] value) {
    return value == null ? 0 : ByteBuffer.wrap(value).getLong();
  }
}
