package dev.syncview.topology;

import dev.syncview.config.Topics;
import dev.syncview.rules.KeyRule;
import dev.syncview.store.ProjectionStores;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.ForeachAction;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The projection, as a pure function of its settings. Jobs and sources pass two stages: a gate
 * per entity id (every version of an entity meets the same task, whichever partitioner its producer
 * used) and the view per tenant (a tenant's whole listing in one partition of one store):
 *
 * <pre>
 *  sync.jobs    -> job-router ----(home)----> job-gate [job-claims] -> jobs-by-tenant ---\
 *                       \--> jobs-by-id ------/                                          tenant-view [tenant-view]
 *  sync.sources -> source-router -(home)-> source-gate [source-gate] -> source-changes -/
 *                       \--> sources-by-id ---/                  (facts to every partition)
 *  sync.api-keys -> key-router -> keys-by-id (1 partition) -> key-gate -> auth topic -> [auth] (global)
 * </pre>
 *
 * A record already on the partition its id hashes to reaches its gate in the same task; the others
 * take the by-id hop. Every stage may dead-letter to {@code sync.dead-letters}.
 */
public final class ProjectionTopology {
  private static final Serde<byte[]> BYTES = Serdes.ByteArray();
  private static final ForeachAction<byte[], byte[]> PASS = (k, v) -> {};

  private ProjectionTopology() {}

  public static Topology build(TopologySettings settings) {
    Topics topics = settings.topics();
    int partitions = settings.partitions();
    StreamsBuilder b = new StreamsBuilder();
    for (String store : new String[] {StoreNames.JOB_CLAIMS, StoreNames.SOURCE_GATE, StoreNames.KEY_GATE}) {
      b.addStateStore(ProjectionStores.plain(store));
    }
    b.addStateStore(ProjectionStores.view(StoreNames.VIEW));

    KStream<byte[], byte[]> jobs =
        gate(b, settings, topics.jobs(), Nodes.JOB_ROUTER, Nodes.JOBS_BY_ID, JobGate::new, Nodes.JOB_GATE, StoreNames.JOB_CLAIMS);
    KStream<byte[], byte[]> byTenant = forward(jobs, JobGate.TO_TENANT, Nodes.JOBS_BY_TENANT, partitions, null);
    KStream<byte[], byte[]> sources =
        gate(b, settings, topics.sources(), Nodes.SOURCE_ROUTER, Nodes.SOURCES_BY_ID, SourceGate::new, Nodes.SOURCE_GATE, StoreNames.SOURCE_GATE);
    KStream<byte[], byte[]> changes =
        forward(sources, SourceGate.TO_VIEW, Nodes.SOURCE_CHANGES, partitions, new SourceMessagePartitioner());
    stage(byTenant.merge(changes, Named.as(Nodes.TENANT_VIEW + ".in")), TenantView::new, Nodes.TENANT_VIEW, settings, StoreNames.VIEW)
        .process(Applied::new, Named.as(TenantView.APPLIED));

    KStream<byte[], byte[]> keysById =
        route(b, settings, topics.apiKeys(), KeyRule.TEXT, Nodes.KEY_ROUTER, Nodes.KEYS_BY_ID, 1);
    KStream<byte[], byte[]> keyed =
        stage(keysById, KeyGate::new, Nodes.KEY_GATE, settings, StoreNames.KEY_GATE);
    keyed
        .peek(PASS, Named.as(KeyGate.TO_AUTH))
        .to(topics.auth(), Produced.with(BYTES, BYTES).withName(KeyGate.TO_AUTH + ".sink"));
    b.addGlobalStore(
        ProjectionStores.plain(StoreNames.AUTH).withLoggingDisabled(),
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
   * ending with the view; API keys end with {@link #AUTH_HOP}. A record may skip the by-id topic
   * of its first stage, so that stage lists the next one's topic too. Read-your-writes follows a
   * record along this path.
   */
  public static List<List<String>> hopsAfter(Topics topics, String inputTopic) {
    if (inputTopic.equals(topics.sources())) {
      return List.of(List.of(Nodes.SOURCES_BY_ID, Nodes.SOURCE_CHANGES), List.of(Nodes.SOURCE_CHANGES));
    }
    if (inputTopic.equals(topics.jobs())) {
      return List.of(List.of(Nodes.JOBS_BY_ID, Nodes.JOBS_BY_TENANT), List.of(Nodes.JOBS_BY_TENANT));
    }
    if (inputTopic.equals(topics.apiKeys())) {
      return List.of(List.of(Nodes.KEYS_BY_ID), List.of(AUTH_HOP));
    }
    throw new IllegalArgumentException(inputTopic + " is not an input of the projection");
  }

  /**
   * An input topic's router and the gate owning its ids, in one sub-topology: records on their
   * home partition go to the gate directly, the others through the by-id topic, which the same
   * sub-topology reads.
   */
  private static KStream<byte[], byte[]> gate(
      StreamsBuilder b,
      TopologySettings settings,
      String topic,
      String router,
      String byId,
      ProcessorSupplier<byte[], byte[], byte[], byte[]> gate,
      String gateName,
      String store) {
    KStream<byte[], byte[]> in = b.stream(topic, Consumed.with(BYTES, BYTES).withName(router + ".in"));
    String inline = Nodes.to(router, gateName);
    String hop = Nodes.to(router, byId);
    KStream<byte[], byte[]> routed =
        stage(in, () -> new Router(KeyRule.UUID, inline, hop, Nodes.deadLetters(router), settings),
            router, settings);
    KStream<byte[], byte[]> home = routed.peek(PASS, Named.as(inline));
    KStream<byte[], byte[]> hopped = forward(routed, hop, byId, settings.partitions(), null);
    return stage(home.merge(hopped, Named.as(gateName + ".in")), gate, gateName, settings, store);
  }

  private static KStream<byte[], byte[]> route(
      StreamsBuilder b,
      TopologySettings settings,
      String topic,
      KeyRule rule,
      String name,
      String repartition,
      int partitions) {
    KStream<byte[], byte[]> in = b.stream(topic, Consumed.with(BYTES, BYTES).withName(name + ".in"));
    String routeChild = Nodes.to(name, repartition);
    KStream<byte[], byte[]> out =
        stage(in, () -> new Router(rule, null, routeChild, Nodes.deadLetters(name), settings), name, settings);
    return forward(out, routeChild, repartition, partitions, null);
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

  /**
   * The named child a processor forwards to, feeding a repartition topic of the next stage,
   * partitioned by key unless a partitioner is given.
   */
  private static KStream<byte[], byte[]> forward(
      KStream<byte[], byte[]> out,
      String child,
      String repartition,
      int partitions,
      StreamPartitioner<byte[], byte[]> partitioner) {
    Repartitioned<byte[], byte[]> how =
        Repartitioned.<byte[], byte[]>as(repartition)
            .withKeySerde(BYTES)
            .withValueSerde(BYTES)
            .withNumberOfPartitions(partitions);
    return out.peek(PASS, Named.as(child))
        .repartition(partitioner == null ? how : how.withStreamPartitioner(partitioner));
  }

  /** The view's terminal node (TenantView.APPLIED): it only ends the record's way. */
  private static final class Applied implements Processor<byte[], byte[], Void, Void> {
    @Override
    public void process(Record<byte[], byte[]> rec) {}
  }
}
