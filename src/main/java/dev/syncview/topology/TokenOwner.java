package dev.syncview.topology;

import dev.syncview.view.Bin;

/** The key a token hash belongs to, and when it first claimed it. */
record TokenOwner(String keyId, long claimedAt) {

  /** Whether this claim comes first: earlier record timestamp, then the smaller key id. */
  boolean before(TokenOwner other) {
    return claimedAt < other.claimedAt
        || (claimedAt == other.claimedAt && keyId.compareTo(other.keyId) < 0);
  }

  byte[] encode() {
    return new Bin.Writer(16 + keyId.length()).i64(claimedAt).str(keyId).toByteArray();
  }

  static TokenOwner decode(byte[] b) {
    Bin.Reader r = new Bin.Reader(b);
    long at = r.i64();
    return new TokenOwner(r.str(), at);
  }
}
