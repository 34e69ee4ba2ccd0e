package dev.syncview.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.config.Setting;
import dev.syncview.kafka.TopicDefinition;
import dev.syncview.runtime.TopicLayout;
import dev.syncview.topology.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so its meaning is checked instead:
 * parsed as Compose parses it (anchors and merge keys resolved), three KRaft brokers that agree on
 * their quorum, topics created by the service's own command from topics/, and service settings that
 * all exist in the settings table and suit a three-broker cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterComposeFileTest {
  Map<String, Object> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  void parse() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
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
      assertThat(env).containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3");
      assertThat(env.get("CLUSTER_ID")).isEqualTo(env("kafka-1").get("CLUSTER_ID"));
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
  void shouldConfigureEveryInstanceWithKnownSettingsForAThreeBrokerCluster() {
    Set<String> known = Arrays.stream(Setting.values()).map(Setting::env).collect(Collectors.toSet());
    for (String name : List.of("topics", "sync-view")) {
      Map<String, String> env = env(name);
      assertThat(env.keySet()).allSatisfy(k -> assertThat(known).as("setting %s", k).contains(k));
      assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
      assertThat(env).containsEntry("REPLICATION_FACTOR", "3");
    }
    assertThat(env("sync-view")).containsKeys("CURSOR_SECRET", "INTERNAL_SECRET", "NUM_STANDBY_REPLICAS");
    assertThat(String.valueOf(service("sync-view").get("deploy"))).contains("replicas=2");
    assertThat(String.valueOf(service("sync-view").get("ports"))).contains(":8080");
  }
}
