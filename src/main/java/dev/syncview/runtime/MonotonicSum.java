package dev.syncview.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * A total that only grows, from counters that may restart: a consumer replaced by a new one starts
 * its count again at zero, and the sum of the counters would fall. Each counter adds what it grew
 * by since the last look (or its whole value, if it went back).
 */
final class MonotonicSum {
  private Map<String, Double> last = Map.of();
  private long total;

  long update(Map<String, Double> counters) {
    Map<String, Double> next = new HashMap<>(counters);
    for (Map.Entry<String, Double> e : counters.entrySet()) {
      double before = last.getOrDefault(e.getKey(), 0.0);
      double now = e.getValue();
      total += (long) (now >= before ? now - before : now);
    }
    last = next;
    return total;
  }
}
