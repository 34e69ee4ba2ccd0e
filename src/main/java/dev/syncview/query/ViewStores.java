package dev.syncview.query;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where the query side finds the projection's stores: the partition of the {@code view} store
 * holding a tenant, and the global {@code auth} store. Implementations throw {@link
 * ApiException.Unavailable} when a store cannot be queried right now.
 */
public interface ViewStores {
  ReadOnlyKeyValueStore<Bytes, byte[]> view(String tenant);

  ReadOnlyKeyValueStore<Bytes, byte[]> auth();

  /** The same stores, standby copies included. */
  default ViewStores stale() {
    return this;
  }
}
