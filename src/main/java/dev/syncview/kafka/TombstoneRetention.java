package dev.syncview.kafka;

/**
 * events.md: the input topics keep their tombstones for as long as they live, or a stale snapshot
 * published after a tombstone (a producer retry, a replayed backlog) outlives it and comes back in
 * a rebuild. topics/ declares Long.MAX_VALUE; a millennium or more is accepted as "for as long as
 * the topic lives" (TombstoneCompactionIntegrationTest shows the declared value at work).
 */
final class TombstoneRetention {
  static final long AT_LEAST = 1_000L * 365 * 24 * 3600 * 1000;

  private TombstoneRetention() {}

  /** What is wrong with a topic's {@code delete.retention.ms}, or null when it keeps tombstones. */
  static String problem(String topic, long actual) {
    if (actual >= AT_LEAST) {
      return null;
    }
    return "topic " + topic + " has delete.retention.ms=" + actual + ", so it drops tombstones after "
        + actual + " ms, and a stale snapshot published after one comes back in a rebuild"
        + " (set it with kafka-configs --alter --entity-type topics --entity-name " + topic
        + " --add-config delete.retention.ms=" + Long.MAX_VALUE + ")";
  }
}
