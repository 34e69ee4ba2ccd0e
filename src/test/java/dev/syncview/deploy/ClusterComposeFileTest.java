package dev.syncview.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.config.AppConfig;
import dev.syncview.config.Setting;
import dev.syncview.config.Topics;
import dev.syncview.kafka.TopicDefinition;
import dev.syncview.runtime.TopicLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so its meaning is checked instead:
 * parsed as Compose parses it (anchors and merge keys resolved), three KRaft brokers that agree on
 * their quorum and write to their volumes, two in-sync replicas of three for every topic, topics
 * created by the service's own command from topics/, service settings that all exist in the
 * settings table, and a restart policy on everything that runs for long. The healthchecks run in
 * {@link ComposeHealthcheckTest}, the image in {@link ServiceImageTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterComposeFileTest {
  static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
  static final List<String> SERVICE_IMAGE = List.of("topics", "sync-view");
  Map<String, Object> compose;
  Map<String, Object> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  void parse() throws IOException {
    compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    services = (Map<String, Object>) compose.get("services");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> service(String name) {
    assertThat(services).containsKey(name);
    return (Map<String, Object>) services.get(name);
  }

  @SuppressWarnings("unchecked")
  Map<String, String> env(String name) {
    return ((Map<String, Object>) service(name).get("environment"))
        .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
  }

  /** Short-syntax volumes of a service: mount path to volume name (or bind source). */
  @SuppressWarnings("unchecked")
  Map<String, String> mounts(String name) {
    List<String> volumes = (List<String>) service(name).getOrDefault("volumes", List.of());
    return volumes.stream()
        .map(v -> v.split(":"))
        .collect(Collectors.toMap(parts -> parts[1], parts -> parts[0]));
  }

  @Test
  void shouldRunThreeKraftBrokersOfTheOfficialImageThatAgreeOnTheirQuorum() {
    for (int id = 1; id <= 3; id++) {
      String name = "kafka-" + id;
      Map<String, String> env = env(name);
      assertThat(String.valueOf(service(name).get("image"))).startsWith("apache/kafka:");
      assertThat(env).containsEntry("KAFKA_NODE_ID", Integer.toString(id));
      assertThat(env.get("KAFKA_PROCESS_ROLES")).contains("controller").contains("broker");
      assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
          .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
      assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("PLAINTEXT://" + name + ":9092");
      assertThat(env.get("CLUSTER_ID")).isEqualTo(env("kafka-1").get("CLUSTER_ID"));
    }
  }

  @Test
  void shouldWriteEachBrokersLogToItsOwnNamedVolume() {
    // the image writes to /tmp/kraft-combined-logs unless KAFKA_LOG_DIRS says otherwise
    for (String broker : BROKERS) {
      String logDir = env(broker).get("KAFKA_LOG_DIRS");
      assertThat(logDir).as("%s KAFKA_LOG_DIRS", broker).isNotBlank();
      assertThat(mounts(broker)).as("%s volumes", broker).containsEntry(logDir, broker);
    }
    assertThat(declaredVolumes()).containsAll(BROKERS);
  }

  @Test
  void shouldRequireTwoInSyncReplicasOfThreeForEveryTopic() {
    for (String broker : BROKERS) {
      assertThat(env(broker))
          .as("%s: broker defaults, offsets and transaction logs", broker)
          .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
          .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
    }
    // the topics of topics/, as the service creates them at replication 3
    assertThat(TopicDefinition.loadAll())
        .allSatisfy(t -> assertThat(t.configs()).as(t.role()).containsEntry("min.insync.replicas", "2"));
    for (String name : SERVICE_IMAGE) {
      AppConfig config = AppConfig.load(env(name));
      assertThat(config.replicationFactor()).as(name).isEqualTo(3);
      // Kafka Streams' internal topics get the topic.-prefixed properties (changelogs, repartitions)
      Map<String, Object> streams = new HashMap<>(config.streamsOverrides());
      streams.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
      streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
      assertThat(new StreamsConfig(streams).originalsWithPrefix(StreamsConfig.TOPIC_PREFIX))
          .as("%s internal topic configs", name)
          .containsEntry("min.insync.replicas", "2");
    }
  }

  @Test
  void shouldCreateTheTopicsOfTopicsDirWithTheServicesOwnCommandBeforeTheInstancesStart() {
    assertThat(service("topics").get("command")).isEqualTo(List.of("topics", "create"));
    assertThat(String.valueOf(service("sync-view").get("depends_on"))).contains("topics").contains("service_completed_successfully");
    // the command reads the same declarations as the service: every file of topics/ is one of them
    Set<String> declared =
        TopicLayout.of(new Topics("sync.sources", "sync.jobs", "sync.api-keys", "sync.dead-letters", "sync-view.auth"))
            .stream().map(TopicDefinition::role).collect(Collectors.toSet());
    assertThat(Arrays.stream(Path.of("topics").toFile().list()).map(f -> f.replace(".properties", "")))
        .containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void shouldConfigureEveryInstanceWithDocumentedSettingsForAThreeBrokerCluster() {
    // every Setting is a row of the README's table (ReadmeDocumentsEverySettingTest); anything
    // else must be a Kafka Streams pass-through, which the README documents by its prefix
    Set<String> known = Arrays.stream(Setting.values()).map(Setting::env).collect(Collectors.toSet());
    for (String name : SERVICE_IMAGE) {
      Map<String, String> env = env(name);
      assertThat(env.keySet())
          .allSatisfy(k -> assertThat(known.contains(k) || k.startsWith("KAFKA_STREAMS_")).as("setting %s", k).isTrue());
      assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
      assertThat(env).doesNotContainKey("DATA_DIR"); // the entrypoint picks a slot on the volume
    }
    assertThat(env("sync-view")).containsKeys("CURSOR_SECRET", "INTERNAL_SECRET", "NUM_STANDBY_REPLICAS");
    assertThat(String.valueOf(service("sync-view").get("deploy"))).contains("replicas=2");
    assertThat(String.valueOf(service("sync-view").get("ports"))).contains(":8080");
  }

  @Test
  void shouldKeepTheServicesStateOnANamedVolumeAtThePathTheImageUses() throws IOException {
    Map<String, String> mounts = mounts("sync-view");
    assertThat(mounts).containsKey(ServiceImageTest.DATA_VOLUME);
    assertThat(declaredVolumes()).contains(mounts.get(ServiceImageTest.DATA_VOLUME));
    assertThat(ServiceImageTest.entrypointDataVolume()).isEqualTo(ServiceImageTest.DATA_VOLUME);
  }

  @Test
  void shouldRestartEveryLongRunningServiceAndRunOneShotsToCompletionFirst() {
    Set<String> oneShots =
        services.keySet().stream()
            .filter(s -> "no".equals(String.valueOf(service(s).get("restart"))))
            .collect(Collectors.toSet());
    for (String name : services.keySet()) {
      if (oneShots.contains(name)) {
        // "no" is only for a job the others wait to see finish
        assertThat(services.values().stream().map(String::valueOf))
            .as("%s is awaited with service_completed_successfully", name)
            .anySatisfy(s -> assertThat(s).contains(name + "={condition=service_completed_successfully}"));
      } else {
        assertThat(String.valueOf(service(name).get("restart")))
            .as("%s restart policy", name)
            .isIn("always", "unless-stopped", "on-failure");
      }
    }
    assertThat(oneShots).containsExactly("topics");
  }

  @Test
  void shouldMountTheOpsFilesOfThisRepositoryIntoTheMonitoringProfile() {
    for (String name : List.of("prometheus", "grafana")) {
      assertThat(String.valueOf(service(name).get("profiles"))).isEqualTo("[monitoring]");
      mounts(name).values().stream()
          .filter(source -> source.startsWith("./"))
          .forEach(source -> assertThat(Path.of(source)).as("%s mounts %s", name, source).isDirectory());
    }
    assertThat(mounts("prometheus")).containsEntry("/etc/prometheus", "./ops/prometheus");
    assertThat(Path.of("ops/prometheus/prometheus.yml")).isRegularFile();
  }

  @SuppressWarnings("unchecked")
  private Set<String> declaredVolumes() {
    return ((Map<String, Object>) compose.get("volumes")).keySet();
  }
}
