package dev.syncview.query;

import java.util.List;
import java.util.Map;

/**
 * The read-only port the HTTP layer talks to. Every method answers for the principal's tenant
 * only; an id of another tenant, or outside a scoped key's databases, is {@link
 * ApiException.NotFound}, exactly like an id that never existed.
 */
public interface ReadApi {

  /**
   * The same API reading standby copies too, for when the active copy is out of reach: answers
   * may be behind (the caller reports by how much).
   */
  default ReadApi stale() {
    return this;
  }

  /** The key behind a token; {@link ApiException.Unauthorized} when there is none. */
  Principal authenticate(String token);

  /** One page of list_sources or list_jobs. */
  Page list(Principal principal, ListQuery query);

  /** One job item (get_invocation). */
  byte[] job(Principal principal, String jobId);

  /** One Source object (get_source). */
  byte[] source(Principal principal, String sourceId);

  /** The newest job item per S3 object key of a source; keys without one are left out. */
  Map<String, byte[]> latestByObjectKeys(Principal principal, String sourceId, List<String> objectKeys);
}
