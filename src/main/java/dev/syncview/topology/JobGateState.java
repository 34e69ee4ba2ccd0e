package dev.syncview.topology;

import dev.syncview.view.Bin;

/**
 * What the job gate remembers per job id: the highest applied version and where the job is listed
 * from, or that it is deleted for good.
 *
 * @param sourceId the current owner, null for a source-less job
 * @param tenant the job's tenant (where a source-less job's row lives)
 */
record JobGateState(boolean deleted, long version, String sourceId, String tenant) {

  static JobGateState deletedMarker() {
    return new JobGateState(true, 0, null, null);
  }

  byte[] encode() {
    return new Bin.Writer(64).bool(deleted).i64(version).str(sourceId).str(tenant).toByteArray();
  }

  static JobGateState decode(byte[] b) {
    Bin.Reader r = new Bin.Reader(b);
    return new JobGateState(r.bool(), r.i64(), r.str(), r.str());
  }
}
