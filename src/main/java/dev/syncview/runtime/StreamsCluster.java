package dev.syncview.runtime;

import dev.syncview.query.StatusReport.Cluster;
import dev.syncview.query.StatusReport.Held;
import dev.syncview.query.StatusReport.Instance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;

/**
 * The application's instances and the store partitions each holds, active and standby, from Kafka
 * Streams' own metadata (what every instance advertised with {@code application.server} in the last
 * rebalance), and the partitions this instance is restoring.
 */
public final class StreamsCluster implements Supplier<Cluster> {
  private final Projection projection;
  private final Supplier<String> self;

  /** @param self this instance's {@code application.server}, known once HTTP is bound */
  public StreamsCluster(Projection projection, Supplier<String> self) {
    this.projection = projection;
    this.self = self;
  }

  @Override
  public Cluster get() {
    KafkaStreams s = projection.streams();
    TopologyGroups g = projection.groups();
    if (s == null || g == null) {
      return Cluster.UNKNOWN;
    }
    return new Cluster(
        s.state().name(),
        g.groups().stream().map(TopologyGroups.Read::group).toList(),
        g.globalStores(),
        instances(s, g),
        projection.restore().partitions());
  }

  private List<Instance> instances(KafkaStreams s, TopologyGroups g) {
    Collection<StreamsMetadata> all;
    try {
      all = s.metadataForAllStreamsClients();
    } catch (RuntimeException notStartedYet) {
      return List.of();
    }
    String me = self.get();
    List<Instance> out = new ArrayList<>();
    for (StreamsMetadata m : all) {
      String endpoint = m.host() + ":" + m.port();
      List<Held> held =
          g.groups().stream()
              .map(r -> new Held(
                  r.group().subtopology(),
                  g.partitions(r, m.topicPartitions()),
                  g.partitions(r, m.standbyTopicPartitions())))
              .toList();
      out.add(new Instance(endpoint, endpoint.equals(me), held));
    }
    out.sort(Comparator.comparing(Instance::endpoint));
    return out;
  }
}
