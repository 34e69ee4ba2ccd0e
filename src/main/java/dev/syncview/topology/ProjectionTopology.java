package dev.syncview.topology;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.ForeachAction;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The projection, as a pure function of its settings. Three stages, each keyed so that the state
 * it needs is local:
 *
 * <pre>
 *  sync.sources  -> source-router -> sources-by-id ---------------\
 *  sync.jobs     -> job-router -> jobs-by-id -> job-gate -> jobs-by-source -> source-stage
 *                                                 |                              |
 *                                                 \-> sourceless-by-tenant       \-> changes-by-tenant
 *                                                             \___________________________/
 *                                                                          |
 *                                                                     view-writer  [view]
 *  sync.api-keys -> key-router -> keys-by-id (1 partition) -> key-gate -> auth topic -> [auth] (global)
 * </pre>
 *
 * Every record is re-keyed by the id its stage owns (job id, source id, tenant), so the result does
 * not depend on the producers' partitioner, and a tenant's whole listing lives in one partition of
 * the {@code view} store. Every stage may dead-letter to {@code sync.dead-letters}.
 */
public final class ProjectionTopology {
  private static final Serde<byte[]> BYTES = Serdes.ByteArray();
  private static final ForeachAction<byte[], byte[]> PASS = (k, v) -> {};

  private ProjectionTopology() {}

  public static Topology build(TopologySettings settings) {
    Topics topics = settings.topics();
    int partitions = settings.partitions();
    StreamsBuilder b = new StreamsBuilder();
    for (String store :
        new String[] {
          StoreNames.JOB_GATE, StoreNames.SOURCES, StoreNames.SOURCE_JOBS, StoreNames.KEY_GATE
        }) {
      b.addStateStore(store(store));
    }
    b.addStateStore(viewStore());

    KStream<byte[], byte[]> sourcesById =
        route(b, settings, topics.sources(), KeyRule.UUID, Ops.SOURCE, Nodes.SOURCE_ROUTER, Nodes.SOURCES_BY_ID, partitions);
    KStream<byte[], byte[]> jobsById =
        route(b, settings, topics.jobs(), KeyRule.UUID, Ops.JOB, Nodes.JOB_ROUTER, Nodes.JOBS_BY_ID, partitions);
    KStream<byte[], byte[]> keysById =
        route(b, settings, topics.apiKeys(), KeyRule.TEXT, Ops.KEY, Nodes.KEY_ROUTER, Nodes.KEYS_BY_ID, 1);

    KStream<byte[], byte[]> gated =
        stage(jobsById, JobGate::new, Nodes.JOB_GATE, settings, StoreNames.JOB_GATE);
    KStream<byte[], byte[]> jobsBySource =
        forward(gated, JobGate.TO_SOURCES, Nodes.JOBS_BY_SOURCE, partitions);
    KStream<byte[], byte[]> sourceless =
        forward(gated, JobGate.TO_VIEW, Nodes.SOURCELESS_BY_TENANT, partitions);

    KStream<byte[], byte[]> joined =
        stage(
            sourcesById.merge(jobsBySource, Named.as(Nodes.SOURCE_STAGE + ".in")),
            SourceStage::new,
            Nodes.SOURCE_STAGE,
            settings,
            StoreNames.SOURCES,
            StoreNames.SOURCE_JOBS);
    KStream<byte[], byte[]> changes =
        forward(joined, SourceStage.TO_VIEW, Nodes.CHANGES_BY_TENANT, partitions);

    changes
        .merge(sourceless, Named.as(Nodes.VIEW_WRITER + ".in"))
        .process(ViewWriter::new, Named.as(Nodes.VIEW_WRITER), StoreNames.VIEW);

    KStream<byte[], byte[]> keyed =
        stage(keysById, KeyGate::new, Nodes.KEY_GATE, settings, StoreNames.KEY_GATE);
    keyed
        .peek(PASS, Named.as(KeyGate.TO_AUTH))
        .to(topics.auth(), Produced.with(BYTES, BYTES).withName(KeyGate.TO_AUTH + ".sink"));
    b.addGlobalStore(
        store(StoreNames.AUTH).withLoggingDisabled(),
        topics.auth(),
        Consumed.with(BYTES, BYTES).withName(StoreNames.AUTH + ".in"),
        AuthLoader::new);
    return b.build();
  }

  /** The hop after which records of an input topic reach the global auth store. */
  public static final String AUTH_HOP = "<global auth store>";

  /**
   * The stages an input record passes through after its own topic, as the repartition topic names
   * (without the {@code <application.id>-} prefix and {@code -repartition} suffix) each stage reads,
   * ending with the view; API keys end with {@link #AUTH_HOP}. Read-your-writes follows a record
   * along this path.
   */
  public static List<List<String>> hopsAfter(Topics topics, String inputTopic) {
    if (inputTopic.equals(topics.sources())) {
      return List.of(List.of(Nodes.SOURCES_BY_ID), List.of(Nodes.CHANGES_BY_TENANT));
    }
    if (inputTopic.equals(topics.jobs())) {
      return List.of(
          List.of(Nodes.JOBS_BY_ID),
          List.of(Nodes.JOBS_BY_SOURCE, Nodes.SOURCELESS_BY_TENANT),
          List.of(Nodes.CHANGES_BY_TENANT));
    }
    if (inputTopic.equals(topics.apiKeys())) {
      return List.of(List.of(Nodes.KEYS_BY_ID), List.of(AUTH_HOP));
    }
    throw new IllegalArgumentException(inputTopic + " is not an input of the projection");
  }

  private static KStream<byte[], byte[]> route(
      StreamsBuilder b,
      TopologySettings settings,
      String topic,
      KeyRule rule,
      String op,
      String name,
      String repartition,
      int partitions) {
    KStream<byte[], byte[]> in = b.stream(topic, Consumed.with(BYTES, BYTES).withName(name + ".in"));
    String routeChild = Nodes.to(name, repartition);
    KStream<byte[], byte[]> out =
        stage(
            in,
            () -> new Router(rule, op, routeChild, Nodes.deadLetters(name), settings.events(), settings.limits()),
            name,
            settings);
    return forward(out, routeChild, repartition, partitions);
  }

  /** A processor whose dead letters go to the dead-letter topic through its named child. */
  private static KStream<byte[], byte[]> stage(
      KStream<byte[], byte[]> in,
      ProcessorSupplier<byte[], byte[], byte[], byte[]> processor,
      String name,
      TopologySettings settings,
      String... stores) {
    KStream<byte[], byte[]> out = in.process(processor, Named.as(name), stores);
    out.process(() -> new DeadLetterTap(settings.events(), settings.limits()), Named.as(Nodes.deadLetters(name)))
        .to(
            settings.topics().deadLetters(),
            Produced.with(BYTES, BYTES).withName(Nodes.deadLetters(name) + ".sink"));
    return out;
  }

  /** The named child a processor forwards to, feeding a repartition topic of the next stage. */
  private static KStream<byte[], byte[]> forward(
      KStream<byte[], byte[]> out, String child, String repartition, int partitions) {
    return out.peek(PASS, Named.as(child))
        .repartition(
            Repartitioned.<byte[], byte[]>as(repartition)
                .withKeySerde(BYTES)
                .withValueSerde(BYTES)
                .withNumberOfPartitions(partitions));
  }

  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> store(String name) {
    return uncached(rocksDb(name, ConcurrentReadStore::new));
  }

  /** Rows are logged; their index entries and counts are derived below the log. */
  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> viewStore() {
    return uncached(rocksDb(StoreNames.VIEW, rocks -> new IndexingViewStore(new ConcurrentReadStore(rocks))));
  }

  /** Kafka's persistent RocksDB store under the given layers of our own. */
  private static KeyValueBytesStoreSupplier rocksDb(
      String name, UnaryOperator<KeyValueStore<Bytes, byte[]>> layers) {
    KeyValueBytesStoreSupplier rocks = Stores.persistentKeyValueStore(name);
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return rocks.name();
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return layers.apply(rocks.get());
      }

      @Override
      public String metricsScope() {
        return rocks.metricsScope();
      }
    };
  }

  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> uncached(
      KeyValueBytesStoreSupplier supplier) {
    // No record cache: queries read the store directly and memory stays bounded by RocksDB.
    return Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray())
        .withCachingDisabled();
  }
}
