package dev.syncview.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * The generation of the Streams client's task assignment. Tasks move only in a rebalance, and every
 * rebalance takes the client from RUNNING to REBALANCING and back, so a number bumped on each state
 * change names one assignment. What the query side derives from the assignment (where a tenant's
 * partition lives, its opened store) may be kept while the generation holds.
 *
 * <p>Kafka moves tasks in its assignment callback a moment before the threads report the rebalance,
 * so a value kept here can outlive its assignment by that moment: the same window as a request
 * that opened its store just before a rebalance. A closed store throws on read (503); a store
 * recycled into a standby answers what it held when it stopped being active.
 */
public final class Assignment {
  /** Returned while the client is not RUNNING: nothing derived then is kept. */
  public static final long NONE = -1;
  private final Supplier<State> state;
  private final AtomicLong generation = new AtomicLong();

  /** @param state the client's state, or null before it exists */
  Assignment(Supplier<State> state) {
    this.state = state;
  }

  /** Called on every state change of the client, before anything else reacts to it. */
  void changed() {
    generation.incrementAndGet();
  }

  /**
   * The current generation, or {@link #NONE} unless the client is RUNNING. Read before deriving a
   * value: a change during the derivation then makes the value stale at once.
   */
  public long current() {
    long g = generation.get();
    return state.get() == State.RUNNING ? g : NONE;
  }
}
