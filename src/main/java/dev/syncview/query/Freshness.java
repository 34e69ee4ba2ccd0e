package dev.syncview.query;

import java.time.Duration;
import java.util.List;

/** Read-your-writes: waits until the view has applied given records of its input topics. */
public interface Freshness {

  /** A record of an input topic, as its producer was told: topic, partition, offset. */
  record InputPosition(String topic, int partition, long offset) {}

  /**
   * Returns once every position is applied to the view; {@link ApiException.Unavailable} when that
   * takes longer than {@code timeout} (or too many requests wait already), {@link
   * ApiException.BadRequest} for a topic or partition the view does not read.
   */
  void await(List<InputPosition> positions, Duration timeout);

  /**
   * Whether the position names a record that exists and is not applied yet: only then can waiting
   * for it change an answer. False for a position the view does not read, and always false where
   * every record is applied before anything is asked (a test driver).
   */
  default boolean pending(InputPosition position) {
    return false;
  }
}
