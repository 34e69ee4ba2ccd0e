package dev.syncview.topology;

/** The {@code sv.op} tag of records inside the topology. */
final class Ops {
  /** A source record, routed to the source stage. */
  static final String SOURCE = "source";
  /** A job record, routed to the job gate. */
  static final String JOB = "job";
  /** An API-key record, routed to the key gate. */
  static final String KEY = "key";
  /** The job gate hands a job snapshot to its source's stage. */
  static final String JOB_UPSERT = "job-upsert";
  /** The job gate takes a job away from a source's stage. */
  static final String JOB_REMOVE = "job-remove";

  private Ops() {}
}
