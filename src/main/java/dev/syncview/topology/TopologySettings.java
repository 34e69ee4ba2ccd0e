package dev.syncview.topology;

/**
 * @param partitions the partition count of every internal repartition topic (except the single
 *     one of API keys): the parallelism of the gates and the view. Changing it needs a rebuild.
 * @param events told of every record received and dead-lettered (metrics)
 */
public record TopologySettings(Topics topics, int partitions, ProjectionEvents events) {
  public TopologySettings {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1");
    }
  }

  public TopologySettings(Topics topics, int partitions) {
    this(topics, partitions, ProjectionEvents.NONE);
  }
}
