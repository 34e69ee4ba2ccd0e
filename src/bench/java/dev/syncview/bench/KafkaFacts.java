package dev.syncview.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Counts read from the broker. */
final class KafkaFacts {
  private KafkaFacts() {}

  /**
   * The sum of the end offsets of every partition of the topics {@code which} accepts: the records
   * ever written to them (transaction markers included); -1 if the broker cannot tell.
   */
  static long endOffsets(String bootstrap, Predicate<String> which) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<String> topics = admin.listTopics().names().get().stream().filter(which).toList();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get().forEach((name, d) ->
          d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      return admin.listOffsets(request).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (ExecutionException e) {
      return -1;
    }
  }
}
