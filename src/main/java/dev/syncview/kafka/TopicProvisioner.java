package dev.syncview.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the cluster match {@code topics/}: creates missing topics, and refuses to start when an
 * existing topic's cleanup policy differs from its declaration (a compacted topic silently
 * deleting snapshots, or the reverse, would corrupt every rebuild) or when an input topic does not
 * keep its tombstones (TombstoneRetention).
 */
public final class TopicProvisioner {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final Duration LEADER_WAIT = Duration.ofSeconds(30);

  private TopicProvisioner() {}

  /** Thrown when an existing topic does not match its declaration. */
  public static final class TopicMismatchException extends RuntimeException {
    public TopicMismatchException(String message) {
      super(message);
    }
  }

  /**
   * @param replicationFactor 0 for min(3, brokers in the cluster)
   * @return the names of the topics created
   */
  public static List<String> ensure(
      Admin admin, Collection<TopicDefinition> topics, int replicationFactor)
      throws InterruptedException {
    try {
      Set<String> existing = admin.listTopics().names().get();
      short rf = (short) (replicationFactor > 0 ? replicationFactor : Math.min(3, brokers(admin)));
      List<NewTopic> missing = new ArrayList<>();
      for (TopicDefinition t : topics) {
        if (!existing.contains(t.name())) {
          Map<String, String> configs = new HashMap<>(t.configs());
          configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, t.cleanupPolicy());
          if (rf == 1) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
          }
          missing.add(new NewTopic(t.name(), t.partitions(), rf).configs(configs));
        }
      }
      Set<String> created = create(admin, missing);
      awaitLeaders(admin, created);
      check(admin, topics.stream().filter(t -> !created.contains(t.name())).toList());
      return topics.stream().map(TopicDefinition::name).filter(created::contains).toList();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot provision topics: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Creates what is missing; returns the names actually created. A topic that appeared meanwhile
   * (another instance, or a listing that lagged) is left to the check like any existing one.
   */
  private static Set<String> create(Admin admin, List<NewTopic> missing)
      throws InterruptedException, ExecutionException {
    Set<String> created = new TreeSet<>();
    for (Map.Entry<String, KafkaFuture<Void>> e : admin.createTopics(missing).values().entrySet()) {
      try {
        e.getValue().get();
        created.add(e.getKey());
      } catch (ExecutionException failure) {
        if (!(failure.getCause() instanceof TopicExistsException)) {
          throw failure;
        }
      }
    }
    if (!created.isEmpty()) {
      log.info("created topics {}", String.join(", ", created));
    }
    return created;
  }

  /**
   * A created topic is usable once every partition has a leader; until then a client (the global
   * store's consumer above all) may see it with no partitions and fail its start.
   */
  private static void awaitLeaders(Admin admin, Set<String> topics)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
    while (!topics.isEmpty()) {
      try {
        boolean ready =
            admin.describeTopics(topics).allTopicNames().get().values().stream()
                .allMatch(d -> !d.partitions().isEmpty() && d.partitions().stream().allMatch(p -> p.leader() != null));
        if (ready) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("created topics " + topics + " have no leaders after " + LEADER_WAIT);
      }
      Thread.sleep(50);
    }
  }

  private static void check(Admin admin, List<TopicDefinition> existing)
      throws InterruptedException, ExecutionException {
    List<String> problems = mismatches(admin, existing);
    if (!problems.isEmpty()) {
      throw new TopicMismatchException(
          String.join("; ", problems)
              + ". Fix the topic (kafka-configs --alter) or the declaration, then start again.");
    }
  }

  /** What differs between the cluster and the declarations: missing topics, wrong policies. */
  public static List<String> problems(Admin admin, Collection<TopicDefinition> topics)
      throws InterruptedException {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<String> problems = new ArrayList<>();
      topics.stream()
          .filter(t -> !existing.contains(t.name()))
          .forEach(t -> problems.add("topic " + t.name() + " is missing"));
      problems.addAll(
          mismatches(admin, topics.stream().filter(t -> existing.contains(t.name())).toList()));
      return problems;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe topics: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static List<String> mismatches(Admin admin, List<TopicDefinition> existing)
      throws InterruptedException, ExecutionException {
    List<String> problems = new ArrayList<>();
    if (existing.isEmpty()) {
      return problems;
    }
    List<ConfigResource> resources =
        existing.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
    for (TopicDefinition t : existing) {
      Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()));
      if (t.configs().containsKey(TopicConfig.DELETE_RETENTION_MS_CONFIG)) {
        String retention =
            TombstoneRetention.problem(
                t.name(), Long.parseLong(c.get(TopicConfig.DELETE_RETENTION_MS_CONFIG).value()));
        if (retention != null) {
          problems.add(retention);
        }
      }
      String actual = c.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
      if (!normalize(actual).equals(normalize(t.cleanupPolicy()))) {
        problems.add(
            "topic "
                + t.name()
                + " has cleanup.policy="
                + actual
                + " but topics/"
                + t.role()
                + ".properties declares "
                + t.cleanupPolicy());
      }
    }
    return problems;
  }

  private static String normalize(String policy) {
    return Set.of(policy.replace(" ", "").split(",")).stream().sorted().collect(Collectors.joining(","));
  }

  /** A topic's {@code max.message.bytes}: the largest record batch the broker takes for it. */
  public static int maxMessageBytes(Admin admin, String topic) throws InterruptedException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      return Integer.parseInt(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static int brokers(Admin admin) throws InterruptedException, ExecutionException {
    return admin.describeCluster().nodes().get().size();
  }
}
