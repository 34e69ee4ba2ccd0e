package dev.syncview.topology;

import dev.syncview.view.Bin;
import java.util.List;

/**
 * What the key gate remembers per key id.
 *
 * @param revoked revoked or tombstoned: final
 * @param claimedAt the timestamp of the first record of the current run of snapshots carrying this
 *     token hash: it decides which of two live keys holding one hash authenticates
 * @param origin the current snapshot's record, dead-lettered if a key holding the hash first
 *     arrives later
 */
record KeyState(
    boolean revoked,
    long version,
    String tenant,
    String tokenSha256,
    List<String> databases,
    long claimedAt,
    Origin origin) {

  static KeyState revokedMarker() {
    return new KeyState(true, 0, null, null, null, 0, null);
  }

  byte[] encode() {
    Bin.Writer w = new Bin.Writer(256).bool(revoked).i64(version);
    if (revoked) {
      return w.toByteArray();
    }
    w.str(tenant).str(tokenSha256).i64(claimedAt).strList(databases);
    origin.write(w);
    return w.toByteArray();
  }

  static KeyState decode(byte[] b) {
    Bin.Reader r = new Bin.Reader(b);
    boolean revoked = r.bool();
    long version = r.i64();
    if (revoked) {
      return revokedMarker();
    }
    String tenant = r.str();
    String hash = r.str();
    long claimedAt = r.i64();
    List<String> dbs = r.strList();
    Origin origin = Origin.read(r);
    return new KeyState(false, version, tenant, hash, dbs, claimedAt, origin);
  }
}
