package dev.syncview.testing;

import dev.syncview.config.Topics;
import dev.syncview.domain.Kind;
import dev.syncview.query.ListQuery;
import dev.syncview.query.Order;
import dev.syncview.query.Principal;
import dev.syncview.query.ReadApi;
import dev.syncview.query.ViewReader;
import dev.syncview.query.ViewStores;
import dev.syncview.topology.ProjectionTopology;
import dev.syncview.topology.StoreNames;
import dev.syncview.topology.TopologySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The real topology on a {@link TopologyTestDriver}, with its own application id and state
 * directory, and the real {@link ViewReader} over the driver's stores.
 */
public final class ProjectionHarness implements AutoCloseable {
  public final Topics topics = Topics.defaults("test");
  private final Path stateDir;
  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> sources;
  private final TestInputTopic<byte[], byte[]> jobs;
  private final TestInputTopic<byte[], byte[]> keys;
  private final TestOutputTopic<byte[], byte[]> deadLetters;
  private final ReadApi api;
  private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();

  public ProjectionHarness() {
    try {
      stateDir = Files.createTempDirectory("sync-view-ttd-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "ttd-" + UUID.randomUUID());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(ProjectionTopology.build(new TopologySettings(topics, 3)), p);
    ByteArraySerializer ser = new ByteArraySerializer();
    sources = driver.createInputTopic(topics.sources(), ser, ser);
    jobs = driver.createInputTopic(topics.jobs(), ser, ser);
    keys = driver.createInputTopic(topics.apiKeys(), ser, ser);
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    api = ViewReader.of(stores());
  }

  public ProjectionHarness source(Events.Snapshot s) {
    return source(s.id(), s.bytes());
  }

  public ProjectionHarness source(String key, byte[] value) {
    sources.pipeInput(utf8(key), value);
    return this;
  }

  public ProjectionHarness job(Events.Snapshot s) {
    return job(s.id(), s.bytes());
  }

  public ProjectionHarness job(String key, byte[] value) {
    jobs.pipeInput(utf8(key), value);
    return this;
  }

  public ProjectionHarness key(Events.Snapshot s) {
    return key(s.id(), s.bytes());
  }

  public ProjectionHarness key(String key, byte[] value) {
    keys.pipeInput(utf8(key), value);
    return this;
  }

  public ProjectionHarness pipe(String topic, byte[] key, byte[] value) {
    input(topic).pipeInput(new TestRecord<>(key, value));
    return this;
  }

  /** Pipes one record with an explicit timestamp (epoch millis). */
  public ProjectionHarness pipe(String topic, byte[] key, byte[] value, long timestamp) {
    input(topic).pipeInput(new TestRecord<>(key, value, Instant.ofEpochMilli(timestamp)));
    return this;
  }

  private TestInputTopic<byte[], byte[]> input(String topic) {
    return inputs.computeIfAbsent(
        topic,
        t -> driver.createInputTopic(t, new ByteArraySerializer(), new ByteArraySerializer()));
  }

  public List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  public ReadApi api() {
    return api;
  }

  public Principal login(String token) {
    return api.authenticate(token);
  }

  /** The ids of a page, in order. */
  public List<String> ids(String token, ListQuery q) {
    List<String> out = new ArrayList<>();
    for (byte[] item : api.list(login(token), q).items()) {
      out.add(Json.parse(item).get("id").asText());
    }
    return out;
  }

  public List<String> ids(String token) {
    return ids(token, query(null, null, 1000, 0, Order.DESC));
  }

  public static ListQuery query(String db, Kind kind, int limit, long offset, Order order) {
    return new ListQuery(db, kind, limit, offset, order);
  }

  public ViewStores stores() {
    return new ViewStores() {
      @Override
      public ReadOnlyKeyValueStore<Bytes, byte[]> view(String tenant) {
        return driver.getKeyValueStore(StoreNames.VIEW);
      }

      @Override
      public ReadOnlyKeyValueStore<Bytes, byte[]> auth() {
        return driver.getKeyValueStore(StoreNames.AUTH);
      }
    };
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    driver.close();
    TempDirs.delete(stateDir);
  }
}
