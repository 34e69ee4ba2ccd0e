package dev.syncview.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.testing.CliRunner;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.Producing;
import dev.syncview.testing.RunningService;
import dev.syncview.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The README's in-place rebuild, through the command line against a real broker: {@code reset}
 * refuses while the service runs, and once it is stopped puts the group's input offsets back to
 * zero, deletes its internal topics and the local state; the next start rebuilds the same view.
 */
class ResetCliIntegrationTest {
  static final List<String> INPUTS = List.of("sync.sources", "sync.jobs", "sync.api-keys");
  static final String TOKEN = "reset-token-" + UUID.randomUUID();
  static final String SOURCE = "00000000-0000-4000-8000-0000000000b1";
  static final int JOBS = 15;

  @Test
  void shouldRebuildTheSameViewFromOffsetZeroAfterReset() throws Exception {
    Path dir = Files.createTempDirectory("sync-view-reset-");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("localhost", 0, 0, dir.resolve("kafka"), Map.of());
        RunningService service = new RunningService().with("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers())) {
      // Given a service that has applied some events
      service.start();
      publish(broker.bootstrapServers());
      String before = awaitListing(service);
      CliRunner cli =
          new CliRunner(
              Map.of(
                  "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                  "DATA_DIR", service.dataDir().toString(),
                  "APPLICATION_ID", service.applicationId()));
      Path state = service.dataDir().resolve("state");

      // When reset runs while the service does, it refuses and touches nothing
      CliRunner.Result refused = cli.run("reset");
      assertThat(refused.exit()).as(refused.err()).isEqualTo(1);
      assertThat(refused.err()).contains("Stop every instance");
      assertThat(state).isDirectory();

      // When the service is stopped and reset runs (--force: the stopped member stays for the session timeout)
      service.stop();
      try (Admin admin = admin(broker)) {
        assertThat(inputOffsets(admin, service.applicationId()).values()).anyMatch(o -> o > 0);
        assertThat(internalTopics(admin, service.applicationId())).isNotEmpty();
        CliRunner.Result reset = cli.run("reset", "--force");

        // Then the input offsets are back at zero, the internal topics and the state dir gone
        assertThat(reset.exit()).as(reset.out() + reset.err()).isZero();
        assertThat(reset.out()).contains("reset done");
        assertThat(inputOffsets(admin, service.applicationId()).values()).allMatch(o -> o == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> internalTopics(admin, service.applicationId()).isEmpty());
      }
      assertThat(state).doesNotExist();

      // And the next start replays every topic into the same listing
      service.start();
      service.awaitCaughtUp(Duration.ofMinutes(2));
      assertThat(service.http().get("/api/v1/sources?limit=1000", TOKEN).body()).isEqualTo(before);
      assertThat(state).isDirectory();
    } finally {
      TempDirs.delete(dir);
    }
  }

  private static void publish(String bootstrap) {
    try (Producing kafka = new Producing(bootstrap)) {
      kafka.send("sync.api-keys", "reset-key", Events.apiKey("reset-key", "reset", TOKEN, null));
      kafka.send("sync.sources", SOURCE, Events.s3Source(SOURCE, "reset", "reset-db"));
      for (int i = 0; i < JOBS; i++) {
        String id = String.format("00000000-0000-4000-9000-%012d", i);
        kafka.send("sync.jobs", id, Events.job(id, "reset", SOURCE).createdAt(String.format("2026-11-20T10:%02d:00Z", i)));
      }
    }
  }

  private static String awaitListing(RunningService service) {
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> {
          var r = service.http().get("/api/v1/sources?limit=1000", TOKEN);
          return r.statusCode() == 200 && Json.parse(r.body()).size() == JOBS;
        });
    return service.http().get("/api/v1/sources?limit=1000", TOKEN).body();
  }

  private static Admin admin(EmbeddedKafkaBroker broker) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  /** The group's committed offset per input partition that has one. */
  private static Map<TopicPartition, Long> inputOffsets(Admin admin, String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, Long> out = new java.util.HashMap<>();
    committed.forEach((tp, o) -> {
      if (INPUTS.contains(tp.topic()) && o != null) {
        out.put(tp, o.offset());
      }
    });
    return out;
  }

  private static List<String> internalTopics(Admin admin, String applicationId) throws Exception {
    return admin.listTopics().names().get().stream()
        .filter(t -> t.startsWith(applicationId + "-"))
        .filter(t -> t.endsWith("-changelog") || t.endsWith("-repartition"))
        .toList();
  }
}
