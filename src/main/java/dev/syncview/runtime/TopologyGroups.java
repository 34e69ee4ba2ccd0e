package dev.syncview.runtime;

import dev.syncview.query.StatusReport.Group;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The stateful sub-topologies of the running topology, found in its description rather than by
 * name: the topology changes, and the status page must follow without edits.
 */
final class TopologyGroups {
  /** A group and the topics its tasks read, as the description names them. */
  record Read(Group group, Set<String> sources) {}

  private final String applicationId;
  private final List<Read> groups;
  private final List<String> globalStores;

  /** Streams names the repartition topics it creates {@code <application.id>-<name>}; the description says {@code <name>}. */
  TopologyGroups(TopologyDescription description, String applicationId) {
    this.applicationId = applicationId;
    this.groups = stateful(description);
    this.globalStores = global(description);
  }

  List<Read> groups() {
    return groups;
  }

  List<String> globalStores() {
    return globalStores;
  }

  /** The partitions of {@code group} among {@code held} (a client's active or standby partitions). */
  List<Integer> partitions(Read group, Collection<TopicPartition> held) {
    Set<Integer> out = new TreeSet<>();
    for (TopicPartition tp : held) {
      String t = tp.topic();
      if (group.sources().contains(t)
          || (t.startsWith(applicationId + "-") && group.sources().contains(t.substring(applicationId.length() + 1)))) {
        out.add(tp.partition());
      }
    }
    return List.copyOf(out);
  }

  private static List<Read> stateful(TopologyDescription description) {
    List<Read> out = new ArrayList<>();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      Set<String> stores = new TreeSet<>();
      Set<String> sources = new TreeSet<>();
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor p) {
          stores.addAll(p.stores());
        } else if (node instanceof TopologyDescription.Source s && s.topicSet() != null) {
          sources.addAll(s.topicSet());
        }
      }
      if (!stores.isEmpty()) {
        out.add(new Read(new Group(sub.id(), List.copyOf(stores)), Set.copyOf(sources)));
      }
    }
    out.sort((a, b) -> Integer.compare(a.group().subtopology(), b.group().subtopology()));
    return List.copyOf(out);
  }

  private static List<String> global(TopologyDescription description) {
    Set<String> out = new TreeSet<>();
    description.globalStores().forEach(g -> out.addAll(g.processor().stores()));
    return List.copyOf(out);
  }
}
