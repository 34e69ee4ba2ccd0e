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
    return new Bin.Writer(64).str(keyId).str(tenant).strList(databases).toByteArray();
  }

  public static AuthEntry decode(byte[] b) {
    Bin.Reader r = new Bin.Reader(b);
    return new AuthEntry(r.str(), r.str(), r.strList());
  }
}
