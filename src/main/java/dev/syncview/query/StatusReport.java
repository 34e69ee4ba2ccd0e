package dev.syncview.query;

import java.util.List;

/**
 * Everything the status page shows, as {@code /status.json} serves it: this instance's progress
 * and lag, where the application's partitions live, and the traffic of the last seconds. Only
 * operational facts: topic, store and route names, counts and rates; never a tenant, key or row.
 *
 * @param instance this instance's {@code application.server}
 */
public record StatusReport(
    String instance, boolean ready, Progress progress, ViewStatus.Lag lag, Cluster cluster, Traffic traffic) {

  /**
   * @param state the Streams client's state (CREATED before it starts)
   * @param groups the sub-topologies that hold state, each a set of store partitions that move together
   * @param globalStores stores every instance holds whole
   * @param instances every instance of the application, as Streams' metadata knows them
   * @param restoring store partitions this instance is restoring now
   */
  public record Cluster(
      String state, List<Group> groups, List<String> globalStores, List<Instance> instances, List<Restoring> restoring) {
    public static final Cluster UNKNOWN = new Cluster("UNKNOWN", List.of(), List.of(), List.of(), List.of());
  }

  /** A sub-topology with stores: partition p of every one of its stores is in task {@code <id>_p}. */
  public record Group(int subtopology, List<String> stores) {}

  /** @param held per group, the partitions this instance holds */
  public record Instance(String endpoint, boolean self, List<Held> held) {}

  public record Held(int subtopology, List<Integer> active, List<Integer> standby) {}

  /** @param remaining changelog offsets left (transaction markers included) */
  public record Restoring(String store, String changelog, long done, long remaining) {}

  /**
   * @param received input records read, per topic
   * @param deadLettered dead letters written, per input topic and reason
   * @param http requests answered, per method, route template and status
   */
  public record Traffic(List<Flow> received, List<Flow> deadLettered, List<Route> http) {
    public static final Traffic NONE = new Traffic(List.of(), List.of(), List.of());
  }

  /**
   * @param reason the dead-letter reason, null for records received
   * @param perSecond over the last seconds; null until two samples exist
   */
  public record Flow(String topic, String reason, long total, Double perSecond) {}

  /**
   * @param perSecond answers per second over the last seconds; null until two samples exist
   * @param meanMs mean time to answer over the same seconds; null without answers then
   * @param p99Ms 99th percentile over the same seconds (the upper bound of its histogram bucket)
   */
  public record Route(
      String method, String route, String status, long total, Double perSecond, Double meanMs, Double p99Ms) {}
}
