package dev.syncview.query;

import java.util.Map;

/** How the projection behind the queries is doing: whether it answers, and how far behind it is. */
public interface ViewStatus {
  boolean ready();

  Lag lag();

  /**
   * Records this instance has yet to apply, summed over its partitions, and per partition ({@code
   * <topic>-<partition>}, input and internal topics alike).
   */
  record Lag(long records, Map<String, Long> partitions) {}
}
