package dev.syncview.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.testing.CaughtUp;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Json;
import dev.syncview.testing.LowerCaseKeyPartitioner;
import dev.syncview.testing.RunningService;
import dev.syncview.testing.TempDirs;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The reference model against the service on a real broker, where TopologyTestDriver's order is
 * gone: 60 random histories published at once, shuffled across them, to input topics of three
 * partitions, read by a view of four partitions with two stream threads, so most records take the
 * by-id hop and the rest go straight to their gate, and every stage's records interleave as the
 * broker and the threads make them. Each entity's records keep one input partition (their lower-
 * cased key's), so its own order is the model's. Once caught up, every query over HTTP gets the
 * model's answer.
 */
class BrokerModelIntegrationTest {
  static final int HISTORIES = 60;
  static final List<String> INPUTS = List.of("sync.sources", "sync.jobs", "sync.api-keys");

  /** Runs once (jqwik prints the seed that replays it); shrinking a broker run would take hours. */
  @Property(tries = 1, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  void shouldAnswerLikeTheModelWhenRecordsInterleaveAcrossPartitionsAndThreads(
      @ForAll("histories") List<List<Step>> histories,
      @ForAll("queries") List<List<Histories.Query>> queries,
      @ForAll long shuffleSeed)
      throws Exception {
    Path dir = Files.createTempDirectory("sync-view-broker-model-");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("localhost", 0, 0, dir, Map.of());
        RunningService service = new RunningService()
            .with("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers())
            .with("VIEW_PARTITIONS", "4")
            .with("STREAM_THREADS", "2")
            .start()) {
      // Given random histories, applied to their models in their own order
      List<Universe> universes = new ArrayList<>();
      List<ReferenceModel> models = new ArrayList<>();
      List<List<ProducerRecord<byte[], byte[]>>> perHistory = new ArrayList<>();
      long base = System.currentTimeMillis();
      for (int i = 0; i < HISTORIES; i++) {
        Universe u = new Universe("broker" + i);
        ReferenceModel model = new ReferenceModel(u);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        HistoryPlayer.play(u, model, histories.get(i), base + i * 1000L,
            (topic, key, value, ts) -> records.add(new ProducerRecord<>(topic, null, ts, key, value)));
        universes.add(u);
        models.add(model);
        perHistory.add(records);
      }

      // When they are published interleaved, each history's records in its own order
      publish(broker.bootstrapServers(), interleaved(perHistory, new Random(shuffleSeed)));
      CaughtUp.await(broker.bootstrapServers(), service.applicationId(), INPUTS, Duration.ofMinutes(3));

      // Then every query gets the model's answer
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertEqualsModel(service.http(), universes, models, queries));
    } finally {
      TempDirs.delete(dir);
    }
  }

  @Provide
  Arbitrary<List<List<Step>>> histories() {
    return Histories.steps(60).list().ofSize(HISTORIES);
  }

  @Provide
  Arbitrary<List<List<Histories.Query>>> queries() {
    return Histories.queries().list().ofSize(HISTORIES);
  }

  /** The records of all histories in one sequence, each history's in its own order. */
  static List<ProducerRecord<byte[], byte[]>> interleaved(List<List<ProducerRecord<byte[], byte[]>>> histories, Random rnd) {
    List<Integer> turns = new ArrayList<>();
    for (int i = 0; i < histories.size(); i++) {
      turns.addAll(Collections.nCopies(histories.get(i).size(), i));
    }
    Collections.shuffle(turns, rnd);
    int[] next = new int[histories.size()];
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(turns.size());
    for (int h : turns) {
      out.add(histories.get(h).get(next[h]++));
    }
    return out;
  }

  static void publish(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
    Map<String, Object> cfg = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.PARTITIONER_CLASS_CONFIG, LowerCaseKeyPartitioner.class.getName());
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer())) {
      records.forEach(p::send);
      p.flush();
    }
  }

  static void assertEqualsModel(
      HttpClientSupport http, List<Universe> universes, List<ReferenceModel> models, List<List<Histories.Query>> queries) {
    for (int i = 0; i < universes.size(); i++) {
      Universe u = universes.get(i);
      List<Histories.Query> all = new ArrayList<>(queries.get(i));
      for (int token = 0; token <= Universe.TOKENS; token++) {
        all.add(new Histories.Query(token, -1, -1, false, 0));
      }
      for (Histories.Query q : all) {
        ReferenceModel.Answer expected = q.expected(u, models.get(i));
        HttpResponse<String> r = http.get(q.path(u), q.token(u));
        List<JsonNode> items = new ArrayList<>();
        if (r.statusCode() == 200) {
          Json.parse(r.body()).forEach(items::add);
        }
        assertThat(new ReferenceModel.Answer(r.statusCode(), items)).as("history %d query %s", i, q).isEqualTo(expected);
      }
    }
  }
}
