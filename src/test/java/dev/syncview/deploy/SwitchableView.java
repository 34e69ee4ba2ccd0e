package dev.syncview.deploy;

import dev.syncview.query.ApiException;
import dev.syncview.query.ListQuery;
import dev.syncview.query.Page;
import dev.syncview.query.Principal;
import dev.syncview.query.ReadApi;
import dev.syncview.query.ViewStatus;
import java.util.List;
import java.util.Map;

/**
 * A view whose readiness and liveness a test switches, behind the real HTTP server: while it is
 * not ready every API request is a 503, as when the stores are not open yet.
 */
final class SwitchableView implements ViewStatus, ReadApi {
  volatile boolean ready;
  volatile boolean live = true;
  volatile long lag;

  @Override
  public boolean ready() {
    return ready;
  }

  @Override
  public boolean live() {
    return live;
  }

  @Override
  public Lag lag() {
    return new Lag(lag, Map.of("sync.jobs-0", lag));
  }

  @Override
  public Principal authenticate(String token) {
    throw ApiException.Unavailable.viewNotReady();
  }

  @Override
  public Page list(Principal principal, ListQuery query) {
    throw new UnsupportedOperationException();
  }

  @Override
  public byte[] job(Principal principal, String jobId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public byte[] source(Principal principal, String sourceId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<String, byte[]> latestByObjectKeys(Principal principal, String sourceId, List<String> objectKeys) {
    throw new UnsupportedOperationException();
  }
}
