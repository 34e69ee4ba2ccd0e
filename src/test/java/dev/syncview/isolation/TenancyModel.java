package dev.syncview.isolation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who owns what, tracked by the test itself from the events it published, with no code shared with
 * the service: events.md's rules (versions, final deletes, immutable source tenant and type, the
 * job/source tenant check, first-claim-wins tokens) over a few maps. It answers "which items may
 * this key see" and "which ids may it read", which the isolation properties compare the real
 * HTTP answers with.
 */
final class TenancyModel {
  /** A source's applied state. {@code type} is the type key (github, web_scrape, s3, file_upload). */
  record Src(boolean deleted, long version, String tenant, String type, String db) {}

  /** One accepted job snapshot; {@code sourceId} null for a source-less job (then own kind and db). */
  record JobSnap(
      String id,
      long version,
      String tenant,
      String sourceId,
      String status,
      long createdAt,
      String objectKey,
      String ownKind,
      String ownDb) {}

  record Key(String id, boolean revoked, long version, String tenant, String token, List<String> scope) {}

  /** A token's first claim ever (record timestamp, then key id): the token belongs to that key. */
  record Claim(String keyId, long at) {
    boolean before(Claim o) {
      return at < o.at || (at == o.at && keyId.compareTo(o.keyId) < 0);
    }
  }

  /** A listed job as the API must show it. {@code kind}: github, web_scrape, s3 or Unknown. */
  record Row(
      String id,
      String tenant,
      String sourceId,
      String db,
      String kind,
      String status,
      long createdAt,
      String objectKey) {}

  /** The key a token authenticates as. */
  record Who(String keyId, String tenant, List<String> scope) {
    boolean mayRead(String db) {
      return scope == null || scope.contains(db);
    }
  }

  /** An expected listing answer: a status, and for 200 every item from the offset on, in order. */
  record Answer(int status, List<Row> rows) {}

  private final Map<String, Src> sources = new HashMap<>();
  private final Map<String, JobSnap> jobs = new HashMap<>();
  private final Set<String> deletedJobs = new HashSet<>();
  private final Map<String, Key> keys = new LinkedHashMap<>();
  private final Map<String, Claim> owners = new HashMap<>();
  private final Set<String> databases = new HashSet<>();

  static String kindOf(String type) {
    return type.equals("file_upload") ? "Unknown" : type;
  }

  /** RFC 3339 to epoch millis (truncated), by hand: java.time refuses offsets beyond 18:00. */
  static long millis(String rfc3339) {
    String local;
    long offsetSeconds = 0;
    if (rfc3339.endsWith("Z") || rfc3339.endsWith("z")) {
      local = rfc3339.substring(0, rfc3339.length() - 1);
    } else {
      String off = rfc3339.substring(rfc3339.length() - 6);
      local = rfc3339.substring(0, rfc3339.length() - 6);
      long abs = Long.parseLong(off.substring(1, 3)) * 3600 + Long.parseLong(off.substring(4, 6)) * 60;
      offsetSeconds = off.charAt(0) == '-' ? -abs : abs;
    }
    Instant utc = LocalDateTime.parse(local).toInstant(ZoneOffset.UTC).minusSeconds(offsetSeconds);
    return utc.truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
  }

  private static String norm(String uuid) {
    return uuid == null ? null : uuid.toLowerCase(Locale.ROOT);
  }

  // ---- events

  void sourceSnapshot(String id, long version, String tenant, String type, String db) {
    id = norm(id);
    Src old = sources.get(id);
    if (old != null && (old.deleted() || version <= old.version())) {
      return;
    }
    if (old != null && (!old.tenant().equals(tenant) || !old.type().equals(type))) {
      return; // tenant-mismatch / type-keys: dead-lettered, not applied
    }
    sources.put(id, new Src(false, version, tenant, type, db));
    databases.add(tenant + "\u0000" + db);
  }

  void sourceDeleted(String id) {
    sources.put(norm(id), new Src(true, 0, null, null, null));
  }

  void jobSnapshot(JobSnap s) {
    String id = norm(s.id());
    if (deletedJobs.contains(id)) {
      return;
    }
    JobSnap old = jobs.get(id);
    if (old != null && s.version() <= old.version()) {
      return;
    }
    if (old != null && !old.tenant().equals(s.tenant())) {
      return; // a job's tenant is its first accepted snapshot's: dead-lettered, the job stays
    }
    jobs.put(id, s);
    if (s.sourceId() == null) {
      databases.add(s.tenant() + "\u0000" + s.ownDb());
    }
  }

  void jobDeleted(String id) {
    id = norm(id);
    deletedJobs.add(id);
    jobs.remove(id);
  }

  void keySnapshot(String id, long version, String tenant, String token, List<String> scope, long timestamp) {
    Key old = keys.get(id);
    if (old != null && (old.revoked() || version <= old.version())) {
      return;
    }
    keys.put(id, new Key(id, false, version, tenant, token, scope));
    owners.merge(token, new Claim(id, timestamp), (a, b) -> a.before(b) ? a : b);
  }

  void keyRevoked(String id) {
    keys.put(id, new Key(id, true, 0, null, "", null));
  }

  // ---- questions

  /**
   * The key a token authenticates as, or null (a 401): the token's owner, while the owner's newest
   * snapshot holds that token. A key whose snapshot claimed a token owned by another holds nothing.
   */
  Who who(String token) {
    Claim owner = owners.get(token);
    Key k = owner == null ? null : keys.get(owner.keyId());
    if (k == null || k.revoked() || !k.token().equals(token)) {
      return null;
    }
    return new Who(k.id(), k.tenant(), k.scope());
  }

  /** Key ids that ever held a token and are revoked now (for statistics and reporting). */
  boolean everRevoked(String keyId) {
    Key k = keys.get(keyId);
    return k != null && k.revoked();
  }

  Collection<Key> keys() {
    return keys.values();
  }

  Src source(String id) {
    return sources.get(norm(id));
  }

  /** The current snapshot of a job id, or null when never accepted or deleted. */
  JobSnap job(String id) {
    return jobs.get(norm(id));
  }

  boolean databaseExists(String tenant, String db) {
    return databases.contains(tenant + "\u0000" + db);
  }

  /** Every listed row of every tenant. */
  List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (JobSnap j : jobs.values()) {
      Row r = row(j);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private Row row(JobSnap j) {
    if (j.sourceId() == null) {
      return new Row(j.id(), j.tenant(), null, j.ownDb(), j.ownKind(), j.status(), j.createdAt(), null);
    }
    Src s = sources.get(j.sourceId());
    if (s == null || s.deleted() || !s.tenant().equals(j.tenant())) {
      return null; // held back, hidden with its deleted source, or a tenant mismatch
    }
    String kind = kindOf(s.type());
    return new Row(
        j.id(), j.tenant(), j.sourceId(), s.db(), kind, j.status(), j.createdAt(),
        kind.equals("s3") ? j.objectKey() : null);
  }

  /** A row the key may read, or null. */
  Row visibleRow(Who who, String jobId) {
    JobSnap j = jobs.get(norm(jobId));
    Row r = j == null ? null : row(j);
    return r != null && r.tenant().equals(who.tenant()) && who.mayRead(r.db()) ? r : null;
  }

  /** A live source of the key's tenant within its scope, or null (a 404 like any unknown id). */
  Src readableSource(Who who, String sourceId) {
    Src s = sources.get(norm(sourceId));
    return s != null && !s.deleted() && s.tenant().equals(who.tenant()) && who.mayRead(s.db()) ? s : null;
  }

  /**
   * list_sources / list_jobs as api.md states them: 400 (source_id with database_name) -> 403 ->
   * 404 -> the filtered rows in order, from the offset on (every page, concatenated).
   */
  Answer list(
      Who who,
      String db,
      String kind,
      String status,
      String sourceId,
      long offset,
      boolean ascending) {
    if (sourceId != null && db != null) {
      return new Answer(400, List.of());
    }
    if (sourceId != null && readableSource(who, sourceId) == null) {
      return new Answer(404, List.of());
    }
    if (db != null && !who.mayRead(db)) {
      return new Answer(403, List.of());
    }
    if (db != null && !databaseExists(who.tenant(), db)) {
      return new Answer(404, List.of());
    }
    List<Row> rows = new ArrayList<>();
    for (Row r : rows()) {
      if (r.tenant().equals(who.tenant())
          && who.mayRead(r.db())
          && (db == null || db.equals(r.db()))
          && (kind == null || kind.equals(r.kind()))
          && (status == null || status.equals(r.status()))
          && (sourceId == null || norm(sourceId).equals(r.sourceId()))) {
        rows.add(r);
      }
    }
    rows.sort(order(ascending));
    return new Answer(200, rows.subList((int) Math.min(offset, rows.size()), rows.size()));
  }

  static Comparator<Row> order(boolean ascending) {
    Comparator<Row> asc = Comparator.<Row>comparingLong(Row::createdAt).thenComparing(Row::id);
    return ascending ? asc : asc.reversed();
  }

  /** latest-by-keys on a readable S3 source: per key (in the order given, once) its newest row. */
  Map<String, Row> latestByKeys(Who who, String sourceId, List<String> objectKeys) {
    Map<String, Row> out = new LinkedHashMap<>();
    List<Row> rows = list(who, null, null, null, sourceId, 0, false).rows();
    for (String k : objectKeys) {
      if (out.containsKey(k)) {
        continue;
      }
      for (Row r : rows) {
        if (k.equals(r.objectKey())) {
          out.put(k, r);
          break;
        }
      }
    }
    return out;
  }
}
