package dev.syncview.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Values derived from the task assignment, kept per key for as long as that assignment's
 * generation holds ({@link Assignment}). Finding a partition's store or placement walks every task
 * of every stream thread; a list request did it twice, a large share of its handler's CPU
 * (BENCHMARKS.md). Keys are the tenants of authenticated keys, so the map is bounded by them.
 */
final class HeldUntilRebalance<K, V> {
  private final Assignment assignment;
  private final Predicate<V> usable;
  private final Map<K, Held<V>> held = new ConcurrentHashMap<>();

  /**
   * @param usable whether a value may be kept, and still be used when asked for again (a store
   *     that was closed meanwhile, or a placement Streams did not know yet, is derived again)
   */
  HeldUntilRebalance(Assignment assignment, Predicate<V> usable) {
    this.assignment = assignment;
    this.usable = usable;
  }

  /**
   * The value kept for {@code key}, or one derived now (kept when usable). Nothing is kept under
   * {@link Assignment#NONE}, so a kept generation equal to the current one means RUNNING.
   */
  V get(K key, Function<K, V> derive) {
    long generation = assignment.current();
    Held<V> h = held.get(key);
    if (h != null && h.generation == generation && usable.test(h.value)) {
      return h.value;
    }
    V value = derive.apply(key);
    if (generation != Assignment.NONE && usable.test(value)) {
      held.put(key, new Held<>(generation, value));
    }
    return value;
  }

  private record Held<V>(long generation, V value) {}
}
