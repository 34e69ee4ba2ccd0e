package dev.syncview.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.testing.CaughtUp;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.RunningService;
import dev.syncview.testing.TempDirs;
import dev.syncview.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Hostile records at a real broker, whose input topics take records up to 6 MiB: for each input
 * topic, keys, values and headers at and just under that limit, a key of 600,000 bytes, deep and
 * wide JSON, and (API keys) a key scoped to 100,000 databases, each followed by ordinary records.
 * The projection stays RUNNING, every record is applied or dead-lettered exactly once (a dead
 * letter too large for the dead-letter topic is skipped, counted and logged with its coordinates),
 * nothing is lost, the metrics count every dead letter by reason, and the same holds after a
 * restart and in a rebuild under a new application id.
 */
class HostileBrokerIntegrationTest {
  static final int TOPIC_MAX = 6 * 1024 * 1024;
  static final List<String> INPUTS = List.of("sync.sources", "sync.jobs", "sync.api-keys");
  static final String TENANT = "acme";

  /** What a hostile record must come to: "applied", "skipped" (too large even to dead-letter), or a reason. */
  record Sent(RecordMetadata at, byte[] key, byte[] value, String outcome, String id) {}

  @Test
  void shouldApplyOrDeadLetterEveryHostileRecordAndKeepRunningThroughRestartAndRebuild() throws Exception {
    Path dir = Files.createTempDirectory("sync-view-hostile-");
    String app = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("localhost", 0, 0, dir.resolve("kafka"), Map.of());
        LogCapture logs = new LogCapture()) {
      createInputTopics(broker.bootstrapServers());
      RunningService service = instance(broker, app);
      String listing;
      try (KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
        service.start();
        // Given an S3 source and a key, then the hostile corpus, each record followed by a good job
        String src = UUID.randomUUID().toString();
        send(producer, "sync.sources", src, Events.s3Source(src, TENANT, "docs").bytes(), null);
        send(producer, "sync.api-keys", "k1", Events.apiKey("k1", TENANT, "tok", null).bytes(), null);
        List<Sent> sent = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (Corpus.Entry e : Corpus.entries(src)) {
          sent.add(new Sent(send(producer, e.topic(), e.key(), e.value(), e.headers()), e.keyBytes(), e.value(), e.outcome(), e.id()));
          String job = UUID.randomUUID().toString();
          send(producer, "sync.jobs", job, Events.job(job, TENANT, src).bytes(), null);
          good.add(job);
        }

        // When the projection has consumed it all
        CaughtUp.await(broker.bootstrapServers(), app, INPUTS, Duration.ofMinutes(3));

        // Then it runs, every good job is listed, and every hostile record came to its outcome
        assertHealthy(service);
        assertListed(service, good);
        assertOutcomes(broker.bootstrapServers(), sent, service, logs);

        // and a restart on the same state stays healthy and writes nothing again
        int deadBefore = TopicReader.readToEnd(broker.bootstrapServers(), "sync.dead-letters").size();
        service.stop();
        service.start();
        CaughtUp.await(broker.bootstrapServers(), app, INPUTS, Duration.ofMinutes(2));
        assertHealthy(service);
        assertListed(service, good);
        assertThat(TopicReader.readToEnd(broker.bootstrapServers(), "sync.dead-letters")).hasSize(deadBefore);
        listing = service.http().get("/api/v1/sources?limit=1000", "tok").body();
      } finally {
        service.close();
      }

      // and a rebuild under a new application id replays the corpus without failing on it, to the
      // same listing
      String rebuilt = app + "-2";
      try (RunningService fresh = instance(broker, rebuilt).start()) {
        CaughtUp.await(broker.bootstrapServers(), rebuilt, INPUTS, Duration.ofMinutes(3));
        assertHealthy(fresh);
        assertThat(fresh.http().get("/api/v1/sources?limit=1000", "tok").body()).isEqualTo(listing);
      }
      assertThat(logs.atLeast(Level.ERROR)).as("nothing logged at ERROR").isEmpty();
    } finally {
      TempDirs.delete(dir);
    }
  }

  static RunningService instance(EmbeddedKafkaBroker broker, String app) {
    return new RunningService()
        .with("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers())
        .with("APPLICATION_ID", app);
  }

  /** The input topics as topics/ declares them, but taking records up to 6 MiB. */
  static void createInputTopics(String bootstrap) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      for (String t : INPUTS) {
        topics.add(new NewTopic(t, 3, (short) 1).configs(Map.of(
            "cleanup.policy", "compact",
            "delete.retention.ms", Long.toString(Long.MAX_VALUE),
            "max.message.bytes", Integer.toString(TOPIC_MAX))));
      }
      admin.createTopics(topics).all().get();
    }
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TOPIC_MAX + 1024 * 1024,
            ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024,
            ProducerConfig.ACKS_CONFIG, "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  static RecordMetadata send(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value, RecordHeaders headers)
      throws Exception {
    return producer
        .send(new ProducerRecord<>(topic, null, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers))
        .get();
  }

  static void assertHealthy(RunningService service) {
    assertThat(service.http().get("/health", null).statusCode()).isEqualTo(200);
    assertThat(service.http().get("/health/live", null).statusCode()).isEqualTo(200);
  }

  static void assertListed(RunningService service, List<String> jobs) {
    await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> {
      List<String> ids = new ArrayList<>();
      Json.parse(service.http().get("/api/v1/sources?limit=1000", "tok").body()).forEach(i -> ids.add(i.get("id").asText()));
      assertThat(ids).containsAll(jobs);
    });
  }

  /**
   * Every hostile record is applied, dead-lettered once byte for byte with its reason, or (too
   * large even for the dead-letter topic) skipped, counted and logged with its coordinates; the
   * metrics count each dead letter by reason.
   */
  static void assertOutcomes(String bootstrap, List<Sent> sent, RunningService service, LogCapture logs) {
    List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.readToEnd(bootstrap, "sync.dead-letters");
    Map<String, Integer> byReason = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> d : dead) {
      byReason.merge(header(d, "dlq.topic") + "/" + header(d, "dlq.reason"), 1, Integer::sum);
    }
    List<String> warnings = logs.atLeast(Level.WARN);
    Map<String, Integer> skipped = new HashMap<>();
    for (Sent s : sent) {
      List<ConsumerRecord<byte[], byte[]>> mine = dead.stream()
          .filter(d -> header(d, "dlq.topic").equals(s.at().topic())
              && header(d, "dlq.partition").equals(Integer.toString(s.at().partition()))
              && header(d, "dlq.offset").equals(Long.toString(s.at().offset())))
          .toList();
      String where = s.at().topic() + "-" + s.at().partition() + "@" + s.at().offset();
      switch (s.outcome()) {
        case "applied" -> {
          assertThat(mine).as("dead letters of %s", where).isEmpty();
          assertThat(appliedAnswer(service, s)).as("the applied record of %s, read back", where).isEqualTo(200);
        }
        case "skipped" -> {
          assertThat(mine).as("dead letters of %s", where).isEmpty();
          assertThat(warnings).as("a log line naming %s", where).anyMatch(w -> w.contains(where) && w.contains("skipped"));
          skipped.merge(s.at().topic(), 1, Integer::sum);
        }
        default -> {
          assertThat(mine).as("dead letters of %s", where).hasSize(1);
          assertThat(header(mine.get(0), "dlq.reason")).as(where).isEqualTo(s.outcome());
          assertThat(mine.get(0).key()).as(where).isEqualTo(s.key());
          assertThat(mine.get(0).value()).as(where).isEqualTo(s.value());
        }
      }
    }
    String metrics = service.http().get("/metrics", null).body();
    byReason.forEach((topicReason, n) -> {
      String[] tr = topicReason.split("/");
      assertThat(counter(metrics, "syncview_events_dead_lettered_total", tr[0], tr[1])).as(topicReason).isEqualTo((double) n);
    });
    skipped.forEach((topic, n) ->
        assertThat(counter(metrics, "syncview_events_dead_letters_skipped_total", topic, "too-large")).as(topic).isEqualTo((double) n));
  }

  /** The status of reading back what an applied record created (a source, a job, a key's token). */
  static int appliedAnswer(RunningService service, Sent s) {
    return switch (s.at().topic()) {
      case "sync.sources" -> service.http().get("/api/v1/sources/" + s.id(), "tok").statusCode();
      case "sync.jobs" -> service.http().get("/api/v1/invocations/" + s.id(), "tok").statusCode();
      default -> service.http().get("/api/v1/sources?limit=1", "tok-" + s.id()).statusCode();
    };
  }

  static double counter(String metrics, String name, String topic, String reason) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + "{") && line.contains("topic=\"" + topic + "\"") && line.contains("reason=\"" + reason + "\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
