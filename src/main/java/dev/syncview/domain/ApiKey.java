package dev.syncview.domain;

import java.util.List;
import java.util.Objects;

/**
 * An accepted API-key snapshot.
 *
 * @param tokenSha256 64 lower-case hex digits
 * @param databases null for every database of the tenant, else only these
 */
public record ApiKey(
    String id,
    String tenant,
    String tokenSha256,
    List<String> databases,
    boolean revoked,
    long version) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(tokenSha256, "tokenSha256");
    databases = databases == null ? null : List.copyOf(databases);
  }
}
