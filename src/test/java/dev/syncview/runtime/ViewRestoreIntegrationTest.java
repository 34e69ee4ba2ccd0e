package dev.syncview.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncview.config.AppConfig;
import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.kafka.TopicProvisioner;
import dev.syncview.testing.BulkEvents;
import dev.syncview.testing.CaughtUp;
import dev.syncview.testing.Producing;
import dev.syncview.testing.StoreContents;
import dev.syncview.testing.TempDirs;
import dev.syncview.topology.ProjectionEvents;
import dev.syncview.topology.RecordLimits;
import dev.syncview.topology.StoreNames;
import dev.syncview.view.ViewKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;

/**
 * The view's changelog holds rows, sources and databases only; index entries and bucket counts are
 * derived from the rows below the change-logging layer (topology.IndexingViewStore). So a view
 * restored from its changelog must equal, key for key and byte for byte, the view that was built
 * by processing the events, or listings and deep offsets would differ after a restore.
 */
class ViewRestoreIntegrationTest {
  private static final HexFormat HEX = StoreContents.HEX;

  @Test
  void shouldRestoreEveryEntryAndCountFromARowOnlyChangelogWhenTheStateDirectoryIsGone() throws Exception {
    Path dir = Files.createTempDirectory("sync-view-restore-");
    String app = "restore-" + UUID.randomUUID().toString().substring(0, 8);
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start("localhost", 0, 0, dir.resolve("kafka"), Map.of())) {
      String bootstrap = broker.bootstrapServers();
      // Given a view built from jobs in two versions, some deleted, over several tenants
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        TopicProvisioner.ensure(admin, TopicLayout.of(config(bootstrap, app, dir.resolve("a")).topics()), 1);
      }
      try (Producing kafka = new Producing(bootstrap)) {
        for (BulkEvents.Rec r : BulkEvents.generate(11, 5, 4, 1500)) {
          kafka.sendAsync(r.topic(), r.key(), r.value());
        }
        kafka.flush();
      }
      Map<String, String> built;
      try (Projection first = start(config(bootstrap, app, dir.resolve("a")), bootstrap)) {
        CaughtUp.await(bootstrap, app, List.of("sync.sources", "sync.jobs", "sync.api-keys"), Duration.ofMinutes(2));
        built = dump(first.streams());
      }
      assertThat(tags(built.keySet())).as("tags of the built view").contains("R", "S", "D", "F", "I", "C", "M");

      // Then its changelog holds no index entry, count or member: rows, sources, databases, facts
      assertThat(changelogTags(bootstrap, app + "-" + StoreNames.VIEW + "-changelog"))
          .containsOnly("R", "S", "D", "F");

      // When another instance starts on an empty state directory
      try (Projection second = start(config(bootstrap, app, dir.resolve("b")), bootstrap)) {
        // Then the restored view equals the built one
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(300))
            .ignoreExceptions()
            .untilAsserted(() -> assertThat(differences(built, dump(second.streams()))).isEmpty());
        // and the restore listener saw every partition through to its end
        assertThat(second.restore().done()).isPositive();
        assertThat(second.restore().remaining()).isZero();
        assertThat(second.restore().partitions()).isEmpty();
      }
    } finally {
      TempDirs.delete(dir);
    }
  }

  private static AppConfig config(String bootstrap, String app, Path dataDir) {
    return AppConfig.load(
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
            "APPLICATION_ID", app,
            "DATA_DIR", dataDir.toString(),
            "REPLICATION_FACTOR", "1"));
  }

  private static Projection start(AppConfig config, String bootstrap) throws InterruptedException {
    Projection p = new Projection(config, bootstrap, 1, ProjectionEvents.NONE, RecordLimits.DEFAULT);
    p.start("localhost:1", s -> {});
    assertThat(p.awaitRunning(Duration.ofMinutes(1))).as("running").isTrue();
    return p;
  }

  /** Every key and value of the view over all its partitions, in hex. */
  private static Map<String, String> dump(KafkaStreams streams) {
    return StoreContents.hex(
        streams.store(StoreQueryParameters.fromNameAndType(StoreNames.VIEW, QueryableStoreTypes.keyValueStore())));
  }

  /** Keys missing, extra or with another value, counted by tag (a readable failure). */
  private static Map<String, Long> differences(Map<String, String> expected, Map<String, String> actual) {
    Map<String, Long> out = new TreeMap<>();
    Set<String> keys = new HashSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String k : keys) {
      String e = expected.get(k);
      String a = actual.get(k);
      if (!Objects.equals(e, a)) {
        String kind = e == null ? "extra" : a == null ? "missing" : "changed";
        out.merge(kind + " " + tagOf(HEX.parseHex(k)), 1L, Long::sum);
      }
    }
    return out;
  }

  private static Set<String> tags(Set<String> hexKeys) {
    return hexKeys.stream().map(k -> tagOf(HEX.parseHex(k))).collect(Collectors.toSet());
  }

  private static String tagOf(byte[] key) {
    return String.valueOf((char) ViewKeys.tagOf(key));
  }

  private static Set<String> changelogTags(String bootstrap, String topic) {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      c.assign(parts);
      Map<TopicPartition, Long> ends = c.endOffsets(parts);
      Set<String> tags = new TreeSet<>();
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (parts.stream().anyMatch(p -> c.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          tags.add(tagOf(r.key()));
        }
      }
      return tags;
    }
  }
}
