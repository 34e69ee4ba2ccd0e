package dev.syncview.topology;

/**
 * Names of the topology's processors and of the children they forward to by name. Repartition
 * names become internal topic names ({@code <application.id>-<name>-repartition}): never rename.
 */
final class Nodes {
  static final String SOURCE_ROUTER = "source-router";
  static final String JOB_ROUTER = "job-router";
  static final String KEY_ROUTER = "key-router";
  static final String SOURCE_GATE = "source-gate";
  static final String JOB_GATE = "job-gate";
  static final String TENANT_VIEW = "tenant-view";
  static final String KEY_GATE = "key-gate";

  static final String SOURCES_BY_ID = "sources-by-id";
  static final String JOBS_BY_ID = "jobs-by-id";
  static final String KEYS_BY_ID = "keys-by-id";
  static final String JOBS_BY_TENANT = "jobs-by-tenant";
  static final String SOURCE_CHANGES = "source-changes";

  private Nodes() {}

  static String deadLetters(String processor) {
    return processor + ".dead-letters";
  }

  static String to(String processor, String target) {
    return processor + ".to." + target;
  }
}
