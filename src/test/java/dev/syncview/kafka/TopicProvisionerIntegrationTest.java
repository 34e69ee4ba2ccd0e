package dev.syncview.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncview.config.Topics;
import dev.syncview.runtime.TopicLayout;
import dev.syncview.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** topics/ against a real broker: missing topics are created, a wrong cleanup policy stops start. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicProvisionerIntegrationTest {
  Path dir;
  EmbeddedKafkaBroker broker;
  Admin admin;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("provisioner-");
    broker = EmbeddedKafkaBroker.start("localhost", 0, 0, dir, Map.of());
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  void stop() {
    admin.close();
    broker.close();
    TempDirs.delete(dir);
  }

  @Test
  void shouldCreateEveryMissingTopicAsDeclared() throws Exception {
    Topics topics = new Topics("a.sources", "a.jobs", "a.keys", "a.dead", "a.auth");

    List<String> created = TopicProvisioner.ensure(admin, TopicLayout.of(topics), 0);

    assertThat(created).containsExactlyInAnyOrder("a.sources", "a.jobs", "a.keys", "a.dead", "a.auth");
    var described = admin.describeTopics(Set.of("a.jobs", "a.auth")).allTopicNames().get();
    assertThat(described.get("a.jobs").partitions()).hasSize(3);
    assertThat(described.get("a.auth").partitions()).hasSize(1);
    var jobs = new ConfigResource(ConfigResource.Type.TOPIC, "a.jobs");
    var dead = new ConfigResource(ConfigResource.Type.TOPIC, "a.dead");
    var configs = admin.describeConfigs(List.of(jobs, dead)).all().get();
    assertThat(configs.get(jobs).get("cleanup.policy").value()).isEqualTo("compact");
    assertThat(configs.get(dead).get("cleanup.policy").value()).isEqualTo("delete");
    assertThat(TopicProvisioner.ensure(admin, TopicLayout.of(topics), 0)).isEmpty();
  }

  @Test
  void shouldRefuseToStartWhenAnExistingTopicHasTheWrongCleanupPolicy() throws Exception {
    admin
        .createTopics(
            List.of(new NewTopic("b.jobs", 3, (short) 1).configs(Map.of("cleanup.policy", "delete"))))
        .all()
        .get();
    Topics topics = new Topics("b.sources", "b.jobs", "b.keys", "b.dead", "b.auth");

    assertThatThrownBy(() -> TopicProvisioner.ensure(admin, TopicLayout.of(topics), 0))
        .isInstanceOf(TopicProvisioner.TopicMismatchException.class)
        .hasMessageContaining("b.jobs has cleanup.policy=delete")
        .hasMessageContaining("topics/jobs.properties declares compact");
  }

  @Test
  void shouldRefuseToStartWhenAnInputTopicDropsItsTombstones() throws Exception {
    // Given an input topic created with Kafka's default tombstone retention of one day
    admin
        .createTopics(
            List.of(new NewTopic("c.sources", 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
        .all()
        .get();
    Topics topics = new Topics("c.sources", "c.jobs", "c.keys", "c.dead", "c.auth");

    // When the service provisions its topics; Then it refuses, naming the topic and the fix
    assertThatThrownBy(() -> TopicProvisioner.ensure(admin, TopicLayout.of(topics), 0))
        .isInstanceOf(TopicProvisioner.TopicMismatchException.class)
        .hasMessageContaining("topic c.sources has delete.retention.ms=86400000")
        .hasMessageContaining("--add-config delete.retention.ms=9223372036854775807");
  }

  @Test
  void shouldCreateInputTopicsThatKeepTheirTombstones() throws Exception {
    Topics topics = new Topics("d.sources", "d.jobs", "d.keys", "d.dead", "d.auth");

    TopicProvisioner.ensure(admin, TopicLayout.of(topics), 0);

    for (String input : List.of("d.sources", "d.jobs", "d.keys")) {
      var resource = new ConfigResource(ConfigResource.Type.TOPIC, input);
      var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("delete.retention.ms").value()).isEqualTo("9223372036854775807");
    }
  }
}
