package dev.syncview.topology;

import dev.syncview.view.Bin;
import java.util.List;

/**
 * What the key gate remembers per key id.
 *
 * @param revoked revoked or tombstoned: final
 * @param tokenSha256 the hash of the key's applied snapshot; null when the key holds no token
 *     (revoked, or its newest snapshot was refused as {@code duplicate-token})
 * @param origin the applied snapshot's record, dead-lettered if a key that claimed the same hash
 *     earlier arrives later
 */
record KeyState(
    boolean revoked,
    long version,
    String tenant,
    String tokenSha256,
    List<String> databases,
    Origin origin) {

  static KeyState revokedMarker() {
    return new KeyState(true, 0, null, null, null, null);
  }

  /** A key whose snapshot of {@code version} was refused: it holds no token. */
  static KeyState refused(long version) {
    return new KeyState(false, version, null, null, null, null);
  }

  boolean live() {
    return tokenSha256 != null;
  }

  byte[] encode() {
    Bin.Writer w = new Bin.Writer(256).bool(revoked).i64(version).bool(live());
    if (live()) {
      w.str(tenant).str(tokenSha256).strList(databases);
      origin.write(w);
    }
    return w.toByteArray();
  }

  static KeyState decode(byte[] b) {
    Bin.Reader r = new Bin.Reader(b);
    boolean revoked = r.bool();
    long version = r.i64();
    if (!r.bool()) {
      return revoked ? revokedMarker() : refused(version);
    }
    return new KeyState(false, version, r.str(), r.str(), r.strList(), Origin.read(r));
  }
}
