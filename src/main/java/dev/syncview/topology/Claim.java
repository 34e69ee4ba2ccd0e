package dev.syncview.topology;

import dev.syncview.view.Bin;

/**
 * What the job gate remembers per job id: the tenant the job's first accepted snapshot named (a
 * job's tenant is immutable, events.md), or that the job is deleted for good. Written when a job is
 * first seen and when it is deleted, not on every update: versions live in the view's rows.
 */
record Claim(boolean deleted, String tenant) {
  static final Claim DELETED = new Claim(true, null);

  byte[] encode() {
    return new Bin.Writer(8 + (tenant == null ? 0 : tenant.length() * 3)).bool(deleted).str(tenant).toByteArray();
  }

  static Claim decode(byte[] b) {
    Bin.Reader r = new Bin.Reader(b);
    return new Claim(r.bool(), r.str());
  }
}
