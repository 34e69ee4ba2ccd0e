package dev.syncview.topology;

import dev.syncview.config.Topics;

/**
 * @param partitions the partition count of every internal repartition topic (except the single
 *     one of API keys): the parallelism of the gates and the view. Changing it needs a rebuild.
 * @param events told of every record received and dead-lettered (metrics)
 * @param limits the largest records the view carries and dead-letters
 */
public record TopologySettings(
    Topics topics, int partitions, ProjectionEvents events, RecordLimits limits) {
  public TopologySettings {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1");
    }
  }

  public TopologySettings(Topics topics, int partitions, ProjectionEvents events) {
    this(topics, partitions, events, RecordLimits.DEFAULT);
  }

  public TopologySettings(Topics topics, int partitions) {
    this(topics, partitions, ProjectionEvents.NONE);
  }
}
