package dev.syncview.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.runtime.EarlierLayout;
import dev.syncview.testing.BulkEvents;
import dev.syncview.testing.CaughtUp;
import dev.syncview.testing.Producing;
import dev.syncview.testing.RunningService;
import dev.syncview.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * The README's upgrade, performed: an application id holding an earlier release's view is refused
 * with the way forward, and the new release is started beside the running one under a new
 * application id and state directory, catches up from offset zero, answers identically, and takes
 * over when the old one stops.
 */
class UpgradeIntegrationTest {
  static final List<String> INPUTS = List.of("sync.sources", "sync.jobs", "sync.api-keys");

  @Test
  void shouldRefuseAnEarlierLayoutAndTakeOverFromASideBySideRebuild() throws Exception {
    Path dir = Files.createTempDirectory("sync-view-upgrade-");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("localhost", 0, 0, dir.resolve("kafka"), Map.of())) {
      // Given an application id whose internal topics an earlier release created
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("earlier-source-jobs-changelog", 1, (short) 1))).all().get();
      }
      // When the service is started under it; Then it refuses, saying what to do instead
      try (RunningService earlier = instance(broker, "earlier")) {
        assertThatThrownBy(earlier::start)
            .isInstanceOf(EarlierLayout.Found.class)
            .hasMessageContaining("earlier-source-jobs-changelog")
            .hasMessageContaining("new APPLICATION_ID");
      }

      // Given a running service with data
      try (RunningService old = instance(broker, "view-1").start();
          Producing kafka = new Producing(broker.bootstrapServers())) {
        for (BulkEvents.Rec e : BulkEvents.generate(7, RebuildIntegrationTest.TENANTS, 6, 1000)) {
          kafka.sendAsync(e.topic(), e.key(), e.value());
        }
        kafka.flush();
        CaughtUp.await(broker.bootstrapServers(), "view-1", INPUTS, Duration.ofMinutes(2));
        List<String> before = RebuildIntegrationTest.listings(old.http());

        // When the new one starts beside it under a new application id and catches up
        try (RunningService next = instance(broker, "view-2").start()) {
          CaughtUp.await(broker.bootstrapServers(), "view-2", INPUTS, Duration.ofMinutes(2));

          // Then it answers what the running one answers, and keeps answering once that one stops
          assertThat(before).doesNotContain("", "[]");
          assertThat(RebuildIntegrationTest.listings(next.http())).isEqualTo(before);
          old.stop();
          assertThat(RebuildIntegrationTest.listings(next.http())).isEqualTo(before);
        }
      }
    } finally {
      TempDirs.delete(dir);
    }
  }

  static RunningService instance(EmbeddedKafkaBroker broker, String applicationId) {
    return new RunningService()
        .with("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers())
        .with("APPLICATION_ID", applicationId);
  }
}
