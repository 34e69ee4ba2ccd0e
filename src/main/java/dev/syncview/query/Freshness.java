package dev.syncview.query;

import java.time.Duration;
import java.util.List;

/** Read-your-writes: waits until the view has applied given records of its input topics. */
public interface Freshness {

  /** A record of an input topic, as its producer was told: topic, partition, offset. */
  record InputPosition(String topic, int partition, long offset) {}

  /**
   * Returns once every position is applied to the view; {@link ApiException.Unavailable} when that
   * takes longer than {@code timeout}, {@link ApiException.BadRequest} for a topic the view does
   * not read.
   */
  void await(List<InputPosition> positions, Duration timeout);
}
