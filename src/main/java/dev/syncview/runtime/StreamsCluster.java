package dev.syncview.runtime;

import dev.syncview.query.StatusReport.Cluster;
import dev.syncview.query.StatusReport.Held;
import dev.syncview.query.StatusReport.Instance;
import dev.syncview.query.StatusReport.Restoring;
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
  private final String applicationId;
  private final Supplier<String> self;
  private volatile TopologyGroups groups;

  /** @param self this instance's {@code application.server}, known once HTTP is bound */
  public StreamsCluster(Projection projection, String applicationId, Supplier<String> self) {
    this.projection = projection;
    this.applicationId = applicationId;
    this.self = self;
  }

  @Override
  public Cluster get() {
    KafkaStreams s = projection.streams();
    if (s == null || projection.description() == null) {
      return Cluster.UNKNOWN;
    }
    TopologyGroups g = groups();
    return new Cluster(
        s.state().name(),
        g.groups().stream().map(TopologyGroups.Read::group).toList(),
        g.globalStores(),
        instances(s, g),
        restoring());
  }

  private TopologyGroups groups() {
    if (groups == null) {
      groups = new TopologyGroups(projection.description(), applicationId);
    }
    return groups;
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

  private List<Restoring> restoring() {
    return projection.restore().partitions();
  }
}
