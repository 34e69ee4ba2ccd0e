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
    w.str(tenant).str(tokenSha256).i64(claimedAt);
    if (databases == null) {
      w.i32(-1);
    } else {
      w.i32(databases.size());
      databases.forEach(w::str);
    }
    w.str(origin.topic()).i32(origin.partition()).i64(origin.offset()).i64(origin.timestamp());
    w.bytes(origin.key()).bytes(origin.value());
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
    int n = r.i32();
    List<String> dbs = null;
    if (n >= 0) {
      String[] a = new String[n];
      for (int i = 0; i < n; i++) {
        a[i] = r.str();
      }
      dbs = List.of(a);
    }
    Origin origin = new Origin(r.str(), r.i32(), r.i64(), r.i64(), r.bytes(), r.bytes());
    return new KeyState(false, version, tenant, hash, dbs, claimedAt, origin);
  }
}
