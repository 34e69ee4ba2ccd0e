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
 * <p>Under the classic group protocol Streams reports a rebalance (its revocation callback sets
 * the thread's state, and the client's listener runs) before it suspends, recycles or moves a task,
 * so the generation changes before a kept store stops being active. A store closed without a
 * rebalance (a task revived after corruption) is caught by the holder's usability check
 * (docs/design.md "Query path").
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
