package dev.syncview.model;

/**
 * One generated step of a history, as plain data (so jqwik can shrink it). Indices point into the
 * {@link Universe}; a step becomes a record on a topic only when a history is played.
 */
sealed interface Step {

  /** A source snapshot. {@code otherTenant}/{@code otherType} move it off its home values. */
  record SourceSnap(
      int source, boolean otherTenant, int db, boolean otherType, int version, boolean deleted,
      int time, boolean upperKey) implements Step {}

  record SourceTomb(int source) implements Step {}

  /**
   * A job snapshot. {@code source} -1 is a source-less job. {@code otherTenant} claims a tenant
   * other than its source's home tenant. {@code upperSourceId} spells the job's key and id, and
   * its source id, in upper case.
   */
  record JobSnap(
      int job, int source, boolean otherTenant, int version, int status, int time, boolean withRef,
      boolean withTarget, int objectKey, int ownKind, int ownDb, boolean upperSourceId,
      boolean deleted)
      implements Step {}

  record JobTomb(int job) implements Step {}

  record KeySnap(int key, int tenant, int token, int scope, boolean revoked, int version)
      implements Step {}

  record KeyTomb(int key) implements Step {}

  /** A record that breaks the contract, built from a valid step; it must change nothing. */
  record Broken(Step base, int defect) implements Step {}

  /**
   * A source (published again, so it exists unless deleted before) and {@code count} jobs of it,
   * two per created_at, spread across a bucket edge or across 1970: enough rows for deep offsets.
   */
  record Burst(int source, int count, boolean aroundEpoch) implements Step {}

  /** Replays the step {@code back} positions earlier, byte for byte (a producer retry). */
  record Repeat(int back) implements Step {}
}
