package dev.syncview.topology;

/** State store names; they also name the stores' changelog topics, so never rename one. */
public final class StoreNames {
  /** Per job id: the tenant its first accepted snapshot named, or a final delete. */
  public static final String JOB_CLAIMS = "job-claims";
  /** Per source id: applied version and facts, or a final delete. */
  public static final String SOURCE_GATE = "source-gate";
  /** Per tenant: rows, sources, databases and listing indexes, and every source's facts (see view.ViewKeys). */
  public static final String VIEW = "tenant-view";
  /** API keys by key id and token owners by hash (one partition). */
  public static final String KEY_GATE = "key-gate";
  /** Global: token hash to the key that authenticates with it. */
  public static final String AUTH = "auth";

  private StoreNames() {}
}
