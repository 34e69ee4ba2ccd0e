package dev.syncview.view;

import java.util.List;

/**
 * The value of the global {@code auth} store under a token hash: the key that authenticates with
 * it. {@code databases} null means every database of the tenant.
 */
public record AuthEntry(String keyId, String tenant, List<String> databases) {

  public AuthEntry {
    databases = databases == null ? null : List.copyOf(databases);
  }

  public byte[] encode() {
    Bin.Writer w = new Bin.Writer(64).str(keyId).str(tenant);
    if (databases == null) {
      w.i32(-1);
    } else {
      w.i32(databases.size());
      databases.forEach(w::str);
    }
    return w.toByteArray();
  }

  public static AuthEntry decode(byte[] b) {
    Bin.Reader r = new Bin.Reader(b);
    String keyId = r.str();
    String tenant = r.str();
    int n = r.i32();
    if (n < 0) {
      return new AuthEntry(keyId, tenant, null);
    }
    String[] dbs = new String[n];
    for (int i = 0; i < n; i++) {
      dbs[i] = r.str();
    }
    return new AuthEntry(keyId, tenant, List.of(dbs));
  }
}
