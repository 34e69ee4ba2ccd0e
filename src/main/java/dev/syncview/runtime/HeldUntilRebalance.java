package dev.syncview.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Values derived from the task assignment, kept per key for as long as that assignment's
 * generation holds ({@link Assignment}). Finding a partition's store or placement walks every task
 * of every stream thread; a list request did it twice, about a third of its handler's CPU
 * (BENCHMARKS.md). Keys are the tenants of authenticated keys, so the map is bounded by them.
 */
final class HeldUntilRebalance<K, V> {
  private final Assignment assignment;
  private final Predicate<V> settled;
  private final Map<K, Held<V>> held = new ConcurrentHashMap<>();

  /** @param settled whether a derived value is final for its generation (others are derived again) */
  HeldUntilRebalance(Assignment assignment, Predicate<V> settled) {
    this.assignment = assignment;
    this.settled = settled;
  }

  /** The value kept for {@code key}, or one derived now (kept when settled). */
  V get(K key, Function<K, V> derive) {
    long generation = assignment.current();
    Held<V> h = held.get(key);
    if (h != null && h.generation == generation && generation != Assignment.NONE) {
      return h.value;
    }
    V value = derive.apply(key);
    if (generation != Assignment.NONE && settled.test(value)) {
      held.put(key, new Held<>(generation, value));
    }
    return value;
  }

  private record Held<V>(long generation, V value) {}
}
