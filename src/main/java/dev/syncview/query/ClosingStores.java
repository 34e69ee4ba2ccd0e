package dev.syncview.query;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * A store partition can close under a read that already holds it (a rebalance moved it, or the
 * service is stopping): Kafka's stores then throw {@link InvalidStateStoreException}. Such a read
 * is answered like one that found the store not open yet, with {@link
 * ApiException.Unavailable}, so callers of the port see its own exceptions only.
 */
final class ClosingStores implements ReadApi {
  private final ReadApi api;

  ClosingStores(ReadApi api) {
    this.api = api;
  }

  @Override
  public ReadApi stale() {
    return new ClosingStores(api.stale());
  }

  @Override
  public Principal authenticate(String token) {
    return guarded(() -> api.authenticate(token));
  }

  @Override
  public Page list(Principal principal, ListQuery query) {
    return guarded(() -> api.list(principal, query));
  }

  @Override
  public byte[] job(Principal principal, String jobId) {
    return guarded(() -> api.job(principal, jobId));
  }

  @Override
  public byte[] source(Principal principal, String sourceId) {
    return guarded(() -> api.source(principal, sourceId));
  }

  @Override
  public Map<String, byte[]> latestByObjectKeys(Principal principal, String sourceId, List<String> objectKeys) {
    return guarded(() -> api.latestByObjectKeys(principal, sourceId, objectKeys));
  }

  private static <T> T guarded(Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidStateStoreException e) {
      throw ApiException.Unavailable.viewNotReady();
    }
  }
}
