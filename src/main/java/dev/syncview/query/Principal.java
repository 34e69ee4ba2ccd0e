package dev.syncview.query;

import java.util.List;
import java.util.Objects;

/**
 * Who is asking: the tenant of the presented key and, for a database-scoped key, its databases
 * (null = every database of the tenant).
 */
public record Principal(String keyId, String tenant, List<String> databases) {
  public Principal {
    Objects.requireNonNull(tenant, "tenant");
    databases = databases == null ? null : List.copyOf(databases);
  }

  public boolean mayRead(String databaseName) {
    return databases == null || databases.contains(databaseName);
  }
}
