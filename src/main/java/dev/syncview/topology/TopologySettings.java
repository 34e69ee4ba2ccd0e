package dev.syncview.topology;

/**
 * @param partitions the partition count of every internal repartition topic (except the single
 *     one of API keys): the parallelism of the gates and the view. Changing it needs a rebuild.
 */
public record TopologySettings(Topics topics, int partitions) {
  public TopologySettings {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1");
    }
  }
}
