package dev.syncview.runtime;

import dev.syncview.query.ApiException;
import dev.syncview.query.ViewStores;
import dev.syncview.store.PinnedKeyValueStore;
import dev.syncview.topology.StoreNames;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Finds the projection's stores in a running {@link KafkaStreams}: the {@code view} partition that
 * holds a tenant (located with Streams' own metadata, the same murmur2 partitioning the view-stage
 * repartition uses), and the global {@code auth} store. An active partition, once found, is kept
 * for as long as the task assignment holds ({@link Assignment}); standby reads look anew each time.
 */
public final class StreamsViewStores implements ViewStores {
  private static final ByteArraySerializer KEYS = new ByteArraySerializer();
  private final Supplier<KafkaStreams> streams;
  private final boolean stale;
  private final HeldUntilRebalance<String, ReadOnlyKeyValueStore<Bytes, byte[]>> opened;
  private final HeldUntilRebalance<String, ReadOnlyKeyValueStore<Bytes, byte[]>> openedAuth;

  /** @param streams the client, or null while it is not started yet */
  public StreamsViewStores(Supplier<KafkaStreams> streams, Assignment assignment) {
    this(streams, false, new HeldUntilRebalance<>(assignment, StreamsViewStores::isOpen),
        new HeldUntilRebalance<>(assignment, StreamsViewStores::isOpen));
  }

  private StreamsViewStores(
      Supplier<KafkaStreams> streams,
      boolean stale,
      HeldUntilRebalance<String, ReadOnlyKeyValueStore<Bytes, byte[]>> opened,
      HeldUntilRebalance<String, ReadOnlyKeyValueStore<Bytes, byte[]>> openedAuth) {
    this.streams = streams;
    this.stale = stale;
    this.opened = opened;
    this.openedAuth = openedAuth;
  }

  @Override
  public ViewStores stale() {
    return new StreamsViewStores(streams, true, opened, openedAuth);
  }

  /** A kept store that was closed meanwhile (its task moved or was revived) is found anew. */
  private static boolean isOpen(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
    return store instanceof StateStore s && s.isOpen();
  }

  @Override
  public ReadOnlyKeyValueStore<Bytes, byte[]> view(String tenant) {
    return stale ? openView(tenant) : opened.get(tenant, this::openView);
  }

  private ReadOnlyKeyValueStore<Bytes, byte[]> openView(String tenant) {
    KafkaStreams s = client();
    KeyQueryMetadata where;
    try {
      where =
          s.queryMetadataForKey(
              StoreNames.VIEW, tenant.getBytes(StandardCharsets.UTF_8), KEYS);
    } catch (IllegalStateException | InvalidStateStoreException e) {
      throw notReady();
    }
    if (where == null || where.partition() < 0) {
      throw notReady();
    }
    StoreQueryParameters<ReadOnlyKeyValueStore<Bytes, byte[]>> params =
        StoreQueryParameters.fromNameAndType(StoreNames.VIEW, PinnedKeyValueStore.TYPE)
            .withPartition(where.partition());
    return open(stale ? params.enableStaleStores() : params);
  }

  @Override
  public ReadOnlyKeyValueStore<Bytes, byte[]> auth() {
    return openedAuth.get(
        StoreNames.AUTH,
        name -> open(StoreQueryParameters.fromNameAndType(StoreNames.AUTH, PinnedKeyValueStore.TYPE)));
  }

  private ReadOnlyKeyValueStore<Bytes, byte[]> open(
      StoreQueryParameters<ReadOnlyKeyValueStore<Bytes, byte[]>> params) {
    KafkaStreams s = client();
    try {
      return s.store(params);
    } catch (IllegalStateException | InvalidStateStoreException e) {
      throw notReady();
    }
  }

  private KafkaStreams client() {
    KafkaStreams s = streams.get();
    if (s == null) {
      throw notReady();
    }
    return s;
  }

  private static ApiException.Unavailable notReady() {
    return ApiException.Unavailable.viewNotReady();
  }
}
