package dev.syncview.model;

import java.util.List;
import java.util.UUID;

/**
 * The small world one history lives in: a few tenants, databases, sources, jobs, keys and tokens,
 * all prefixed by a namespace so that many histories can share one topology without meeting.
 * Small on purpose: collisions (same ids, same tokens, same timestamps) are what find bugs.
 */
final class Universe {
  static final int TENANTS = 3;
  static final int DATABASES = 3;
  static final int SOURCES = 5;
  static final int JOBS = 12;
  static final int KEYS = 5;
  static final int TOKENS = 4;
  static final String[] TYPES = {"github", "web_scrape", "s3", "file_upload"};
  /** created_at values: several offsets and fraction lengths, with ties on the same instant. */
  static final List<String> TIMES =
      List.of(
          "2026-11-20T10:00:00Z",
          "2026-11-20T11:00:00+01:00",
          "2026-11-20T10:00:00.0001Z",
          "2026-11-20T10:00:01.5Z",
          "2026-11-20T09:59:59.999999-00:00",
          "2026-11-21T00:00:00.123456789+09:30",
          "2026-11-19T23:00:00.25Z");

  final String ns;

  Universe(String ns) {
    this.ns = ns;
  }

  String tenant(int i) {
    return ns + "-t" + i;
  }

  String database(int i) {
    return "db" + i;
  }

  String sourceId(int i) {
    return uuid("source", i);
  }

  String jobId(int i) {
    return uuid("job", i);
  }

  String keyId(int i) {
    return ns + "-key" + i;
  }

  String token(int i) {
    return ns + "-token" + i;
  }

  /** A source's home tenant and type: most snapshots of it keep them. */
  int homeTenant(int source) {
    return source % TENANTS;
  }

  String homeType(int source) {
    return TYPES[source % TYPES.length];
  }

  private String uuid(String kind, int i) {
    return UUID.nameUUIDFromBytes((ns + ":" + kind + ":" + i).getBytes()).toString();
  }
}
