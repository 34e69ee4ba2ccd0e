package dev.syncview.topology;

/**
 * What the projection tells its operator about the records it handles: one call per input record
 * received and per dead letter written. Called on stream threads: implementations must be cheap
 * and thread-safe. Under exactly-once a task that is retried after a failure reports its records
 * again, so these are counts of work done, not of distinct records.
 */
public interface ProjectionEvents {
  ProjectionEvents NONE =
      new ProjectionEvents() {
        @Override
        public void received(String topic) {}

        @Override
        public void deadLettered(String topic, String reason) {}
      };

  void received(String topic);

  /**
   * @param topic the input topic of the record
   * @param reason its {@code dlq.reason}
   */
  void deadLettered(String topic, String reason);

  /**
   * A dead letter too large for the dead-letter topic was not written (its coordinates are
   * logged).
   */
  default void deadLetterSkipped(String topic, String reason) {}
}
