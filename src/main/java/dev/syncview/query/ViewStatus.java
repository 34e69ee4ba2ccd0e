package dev.syncview.query;

import java.util.Map;

/** How the projection behind the queries is doing: whether it answers, and how far behind it is. */
public interface ViewStatus {
  /** Queries can be answered now: the projection runs and its stores answer. */
  boolean ready();

  /**
   * The process can still become ready without a restart: false only after a fatal failure of
   * the projection. Starting, restoring and rebalancing are live but not ready.
   */
  default boolean live() {
    return true;
  }

  Lag lag();

  /** Restore and replay progress, as of the last sample (about every second). */
  default Progress progress() {
    return Progress.UNKNOWN;
  }

  /**
   * Records this instance has yet to apply, summed over its partitions, and per partition ({@code
   * <topic>-<partition>}, input and internal topics alike).
   */
  record Lag(long records, Map<String, Long> partitions) {}
}
