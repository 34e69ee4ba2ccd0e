package dev.syncview.view;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How many index entries each time bucket of each index prefix holds, so that a deep {@code offset}
 * jumps over whole buckets instead of walking their entries. Two levels: coarse buckets (2^26 ms,
 * about 18.6 hours) and the fine buckets inside them (2^18 ms, about 4.4 minutes). A count key is
 * the index prefix with its tag changed from 'I' to 'C', a level byte and the bucket number
 * (created_at, sign-flipped, shifted right; big-endian), so byte order is bucket order.
 */
public final class IndexCounts {
  public static final int COARSE = 0;
  public static final int FINE = 1;
  static final int[] SHIFT = {26, 18};
  static final byte COUNT = 'C';
  private static final int BUCKET_BYTES = 8;

  private IndexCounts() {}

  /** The count keys (coarse, fine) an index entry counts in. */
  public static byte[][] keysOf(byte[] indexEntry) {
    int prefixLength = indexEntry.length - ViewKeys.ORDER_SUFFIX;
    long orderable = ByteBuffer.wrap(indexEntry, prefixLength, 8).getLong();
    byte[] prefix = Arrays.copyOf(indexEntry, prefixLength);
    return new byte[][] {
      key(prefix, COARSE, orderable >>> SHIFT[COARSE]), key(prefix, FINE, orderable >>> SHIFT[FINE])
    };
  }

  /** The count key of one bucket of an index prefix. */
  public static byte[] key(byte[] indexPrefix, int level, long bucket) {
    byte[] k = Arrays.copyOf(indexPrefix, indexPrefix.length + 1 + BUCKET_BYTES);
    k[tagPosition(indexPrefix)] = COUNT;
    k[indexPrefix.length] = (byte) level;
    ByteBuffer.wrap(k, indexPrefix.length + 1, BUCKET_BYTES).putLong(bucket);
    return k;
  }

  public static long bucketOf(byte[] countKey) {
    return ByteBuffer.wrap(countKey, countKey.length - BUCKET_BYTES, BUCKET_BYTES).getLong();
  }

  /** The fine buckets inside a coarse bucket: first and last (inclusive). */
  public static long firstFine(long coarse) {
    return coarse << (SHIFT[COARSE] - SHIFT[FINE]);
  }

  public static long lastFine(long coarse) {
    return ((coarse + 1) << (SHIFT[COARSE] - SHIFT[FINE])) - 1;
  }

  /** The smallest and largest sign-flipped created_at of a fine bucket. */
  public static long lowestOrderable(long fine) {
    return fine << SHIFT[FINE];
  }

  public static long highestOrderable(long fine) {
    return ((fine + 1) << SHIFT[FINE]) - 1;
  }

  public static byte[] encode(long count) {
    return ByteBuffer.allocate(8).putLong(count).array();
  }

  public static long decode(byte[] value) {
    return value == null ? 0 : ByteBuffer.wrap(value).getLong();
  }

  /** Index keys start with u16 length + tenant bytes, then the tag. */
  private static int tagPosition(byte[] indexPrefix) {
    int tenantLength = ((indexPrefix[0] & 0xFF) << 8) | (indexPrefix[1] & 0xFF);
    return 2 + tenantLength;
  }
}
