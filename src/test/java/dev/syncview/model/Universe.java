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
          "2026-11-19T23:00:00.25Z",
          // either side of a bucket edge (IndexCounts: 2^24 ms buckets), and before 1970
          "2025-10-27T23:27:59.999Z",
          "2025-10-28T00:28:00.000+01:00",
          "2025-10-27T23:28:00.001Z",
          "1969-12-31T23:59:59.999Z",
          "1961-04-12T06:07:00+03:00");
  /** A bucket edge (2^24 ms * 105,000): bursts of jobs are spread across it. */
  static final long BUCKET_EDGE = 105_000L << 24;
  /** Bursts start this far before their edge, and space their jobs this far apart (2 per time). */
  static final long BURST_SPACING = (1L << 24) / 7;
  /** Time indexes from here on are computed ({@link #millis}), for bursts of jobs. */
  static final int COMPUTED = 1000;
  /** Computed times from here on lie either side of 1970 instead of the edge above. */
  static final int COMPUTED_EPOCH = 2000;

  final String ns;

  /** The instant of a time index: one of {@link #TIMES}, or a burst's computed time. */
  static long millis(int time) {
    if (time < COMPUTED) {
      return ReferenceModel.millis(TIMES.get(time));
    }
    long step = time < COMPUTED_EPOCH ? time - COMPUTED : time - COMPUTED_EPOCH;
    long edge = time < COMPUTED_EPOCH ? BUCKET_EDGE : 0;
    return edge - 40 * BURST_SPACING + step * BURST_SPACING;
  }

  /** The created_at text of a time index. */
  static String text(int time) {
    return time < COMPUTED ? TIMES.get(time) : java.time.Instant.ofEpochMilli(millis(time)).toString();
  }

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
