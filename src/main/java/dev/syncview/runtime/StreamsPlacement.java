package dev.syncview.runtime;

import dev.syncview.query.Placement;
import dev.syncview.topology.StoreNames;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Placement from Kafka Streams' own metadata: the partition of the view that holds a tenant (the
 * same murmur2 partitioning as the repartition topic that feeds it), its active host and its
 * standby hosts, as advertised through {@code application.server}. Kept per tenant for as long as
 * the task assignment holds ({@link Assignment}).
 */
public final class StreamsPlacement implements Placement {
  private static final ByteArraySerializer KEYS = new ByteArraySerializer();
  private final Supplier<KafkaStreams> streams;
  private final Supplier<String> self;
  private final HeldUntilRebalance<String, Target> located;

  /** @param self this instance's {@code application.server}, known once HTTP is bound */
  public StreamsPlacement(Supplier<KafkaStreams> streams, Supplier<String> self, Assignment assignment) {
    this.streams = streams;
    this.self = self;
    this.located = new HeldUntilRebalance<>(assignment, StreamsPlacement::settled);
  }

  @Override
  public Target locate(String tenant) {
    return located.get(tenant, this::find);
  }

  /**
   * {@link Target#HERE} while Streams cannot tell (not running yet): then the local read answers
   * or says 503.
   */
  private Target find(String tenant) {
    KafkaStreams s = streams.get();
    if (s == null) {
      return Target.HERE;
    }
    HostInfo self = HostInfo.buildFromEndpoint(this.self.get());
    KeyQueryMetadata m;
    try {
      m = s.queryMetadataForKey(StoreNames.VIEW, tenant.getBytes(StandardCharsets.UTF_8), KEYS);
    } catch (RuntimeException notRunningYet) {
      return Target.HERE;
    }
    if (m == null || m.partition() < 0) {
      return Target.HERE;
    }
    boolean known = m.activeHost() != null && m.activeHost().port() >= 0;
    boolean activeHere = known && m.activeHost().equals(self);
    return new Target(
        m.partition(),
        activeHere,
        activeHere || !known ? null : endpoint(m.activeHost()),
        m.standbyHosts().stream().filter(h -> !h.equals(self)).map(StreamsPlacement::endpoint).toList(),
        m.standbyHosts().contains(self));
  }

  /** Whether Streams knew the tenant's partition and its active host. */
  private static boolean settled(Target t) {
    return t.partition() >= 0 && (t.activeHere() || t.active() != null);
  }

  /**
   * From the changelog end offsets (a broker round trip): asked only when a standby may answer.
   * {@link Long#MAX_VALUE} when this instance holds no copy of the partition.
   */
  @Override
  public long standbyLag(int partition) {
    KafkaStreams s = streams.get();
    if (s == null) {
      return Long.MAX_VALUE;
    }
    try {
      Map<Integer, LagInfo> lags = s.allLocalStorePartitionLags().getOrDefault(StoreNames.VIEW, Map.of());
      LagInfo lag = lags.get(partition);
      return lag == null ? Long.MAX_VALUE : Math.max(0, lag.offsetLag());
    } catch (RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }

  private static String endpoint(HostInfo h) {
    return h.host() + ":" + h.port();
  }
}
