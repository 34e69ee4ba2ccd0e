package dev.syncview.testing;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a Kafka Streams application has consumed everything: for every partition of the
 * input topics and of its repartition topics, its committed offset equals the last committed end
 * offset. Under exactly-once, committed offsets mean the state is applied.
 */
public final class CaughtUp {
  private CaughtUp() {}

  public static void await(String bootstrap, String applicationId, List<String> inputs, Duration atMost) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Awaitility.await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(() -> caughtUp(admin, applicationId, inputs));
    }
  }

  static boolean caughtUp(Admin admin, String applicationId, List<String> inputs) throws Exception {
    Set<String> topics =
        admin.listTopics().names().get().stream()
            .filter(t -> inputs.contains(t) || (t.startsWith(applicationId + "-") && t.endsWith("-repartition")))
            .collect(Collectors.toSet());
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get()
        .forEach((name, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    var ends =
        admin.listOffsets(request).all().get();
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
    for (var e : ends.entrySet()) {
      long end = e.getValue().offset();
      OffsetAndMetadata c = committed.get(e.getKey());
      if (end > 0 && (c == null || c.offset() < end)) {
        return false;
      }
    }
    return true;
  }
}
