package dev.syncview.topology;

/** State store names; they also name the stores' changelog topics, so never rename one. */
public final class StoreNames {
  /** Per job id: highest applied version, delete marker, current owner. */
  public static final String JOB_GATE = "job-gate";
  /** Per source id: highest applied version, delete marker, what its jobs take from it. */
  public static final String SOURCES = "sources";
  /** Per (source id, job id): the job snapshot waiting for, or listed with, its source. */
  public static final String SOURCE_JOBS = "source-jobs";
  /** Per tenant: rows, sources, databases and listing indexes (see view.ViewKeys). */
  public static final String VIEW = "view";
  /** API keys by key id and by token hash (one partition). */
  public static final String KEY_GATE = "key-gate";
  /** Global: token hash to the key that authenticates with it. */
  public static final String AUTH = "auth";

  private StoreNames() {}
}
