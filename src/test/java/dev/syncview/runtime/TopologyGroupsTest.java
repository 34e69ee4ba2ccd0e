package dev.syncview.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.query.StatusReport.Group;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.junit.jupiter.api.Test;

/** A topology of its own, so the test holds whatever the projection's topology becomes. */
class TopologyGroupsTest {

  static TopologyDescription topology() {
    StreamsBuilder b = new StreamsBuilder();
    // stateless stage on the input, then a stateful one behind a repartition topic
    b.stream("input", Consumed.with(Serdes.String(), Serdes.String()))
        .repartition(Repartitioned.<String, String>as("by-key").withNumberOfPartitions(4))
        .toTable(Materialized.as("rows"));
    b.globalTable("keys", Materialized.as("auth"));
    return b.build().describe();
  }

  @Test
  void shouldFindTheStatefulGroupsAndTheGlobalStores() {
    TopologyGroups g = new TopologyGroups(topology(), "app");
    assertThat(g.groups()).extracting(TopologyGroups.Read::group)
        .singleElement()
        .extracting(Group::stores)
        .isEqualTo(List.of("rows"));
    assertThat(g.globalStores()).containsExactly("auth");
  }

  @Test
  void shouldMatchTheClientsPartitionsOfTheRepartitionTopicUnderTheApplicationsPrefix() {
    TopologyGroups g = new TopologyGroups(topology(), "app");
    TopologyGroups.Read rows = g.groups().get(0);
    List<TopicPartition> held = List.of(
        new TopicPartition("app-by-key-repartition", 3),
        new TopicPartition("app-by-key-repartition", 1),
        new TopicPartition("input", 0),
        new TopicPartition("other-by-key-repartition", 2));
    assertThat(g.partitions(rows, held)).containsExactly(1, 3);
  }
}
