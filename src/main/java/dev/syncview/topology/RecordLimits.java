package dev.syncview.topology;

/**
 * How large a record the view carries through its internal topics and stores, and how large a
 * dead letter it can write. Every internal record derived from an input record holds at most its
 * key twice and its value twice (the original bytes where a dead letter may still need them, and
 * the parsed form), so inputs within {@link #maxKeyBytes} and {@link #maxValueBytes} always fit
 * {@link #INTERNAL_BYTES}, the limit the producer and every internal topic are given.
 *
 * @param maxKeyBytes a larger key is dead-lettered {@code too-large} (ids are UUIDs or short names)
 * @param maxValueBytes a larger value is dead-lettered {@code too-large}
 * @param maxDeadLetterBytes a dead letter estimated larger is skipped, counted and logged: the
 *     dead-letter topic or the producer would refuse it
 */
public record RecordLimits(int maxKeyBytes, int maxValueBytes, int maxDeadLetterBytes) {
  /** The producer's max.request.size and every internal topic's max.message.bytes. */
  public static final int INTERNAL_BYTES = 4 * 1024 * 1024;
  /** Room for a record's framing and the dlq.* headers' overhead in the producer's size estimate. */
  static final int RECORD_OVERHEAD = 512;

  public static final RecordLimits DEFAULT =
      new RecordLimits(1024, 1024 * 1024, INTERNAL_BYTES - RECORD_OVERHEAD);

  public RecordLimits {
    if (2L * (maxKeyBytes + maxValueBytes) + RECORD_OVERHEAD > INTERNAL_BYTES) {
      throw new IllegalArgumentException("carried records must fit the internal limit twice over");
    }
  }

  /** The limits with dead letters bounded by a dead-letter topic's {@code max.message.bytes}. */
  public RecordLimits withDeadLetterTopicLimit(int topicMaxMessageBytes) {
    return new RecordLimits(
        maxKeyBytes, maxValueBytes, Math.min(INTERNAL_BYTES, topicMaxMessageBytes) - RECORD_OVERHEAD);
  }

  boolean carries(byte[] key, byte[] value) {
    return (key == null || key.length <= maxKeyBytes) && (value == null || value.length <= maxValueBytes);
  }
}
