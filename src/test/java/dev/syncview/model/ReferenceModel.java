package dev.syncview.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.testing.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * events.md and api.md as a few maps and a sort: no indexes, no Kafka, no shared code with the
 * service. It reads the steps themselves (never the JSON the topology gets), keeps the newest
 * accepted snapshot of each entity, and answers list_sources by filtering and sorting everything.
 */
final class ReferenceModel {
  private static final DateTimeFormatter API_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Universe u;
  private final Player shapes;
  private final Map<Integer, Source> sources = new HashMap<>();
  private final Map<Integer, Job> jobs = new HashMap<>();
  private final Map<Integer, Key> keys = new HashMap<>();
  private final Set<String> databases = new HashSet<>();

  private record Source(boolean deleted, int version, int tenant, int db, String type) {}

  private record Job(boolean deleted, Step.JobSnap snap) {}

  private record Key(boolean revoked, int version, int tenant, int token, int scope) {}

  /** The key a token belongs to: its first claim, by record timestamp then key id. */
  private record Claim(int key, long at) {}

  private final Map<Integer, Claim> owners = new HashMap<>();

  /** A page, or the status of the error answered instead. */
  record Answer(int status, List<JsonNode> items) {}

  ReferenceModel(Universe u) {
    this.u = u;
    this.shapes = new Player(u);
  }

  void apply(Step step, long timestamp) {
    if (step instanceof Step.SourceSnap s) {
      source(s);
    } else if (step instanceof Step.SourceTomb t) {
      sources.put(t.source(), new Source(true, 0, 0, 0, null));
    } else if (step instanceof Step.JobSnap j) {
      job(j);
    } else if (step instanceof Step.JobTomb t) {
      jobs.put(t.job(), new Job(true, null));
    } else if (step instanceof Step.KeySnap k) {
      key(k, timestamp);
    } else if (step instanceof Step.KeyTomb t) {
      keys.put(t.key(), new Key(true, 0, 0, 0, 0));
    }
    // Step.Broken changes nothing; Step.Repeat is resolved by the caller.
  }

  private void source(Step.SourceSnap s) {
    Source old = sources.get(s.source());
    if (old != null && old.deleted()) {
      return;
    }
    if (s.deleted()) {
      sources.put(s.source(), new Source(true, 0, 0, 0, null));
      return;
    }
    int tenant = shapes.sourceTenant(s);
    String type = shapes.sourceType(s);
    if (old != null && (s.version() <= old.version() || old.tenant() != tenant || !old.type().equals(type))) {
      return;
    }
    sources.put(s.source(), new Source(false, s.version(), tenant, s.db(), type));
    databases.add(u.tenant(tenant) + "/" + u.database(s.db()));
  }

  private void job(Step.JobSnap j) {
    Job old = jobs.get(j.job());
    if (old != null && old.deleted()) {
      return;
    }
    if (j.deleted()) {
      jobs.put(j.job(), new Job(true, null));
      return;
    }
    if (old != null && j.version() <= old.snap().version()) {
      return;
    }
    if (old != null && shapes.jobTenant(j) != shapes.jobTenant(old.snap())) {
      return; // a job's tenant is its first accepted snapshot's: dead-lettered, the job stays
    }
    jobs.put(j.job(), new Job(false, j));
    if (j.source() < 0) {
      databases.add(u.tenant(shapes.jobTenant(j)) + "/" + u.database(j.ownDb()));
    }
  }

  private void key(Step.KeySnap k, long timestamp) {
    Key old = keys.get(k.key());
    if (old != null && old.revoked()) {
      return;
    }
    if (k.revoked()) {
      keys.put(k.key(), new Key(true, 0, 0, 0, 0));
      return;
    }
    if (old != null && k.version() <= old.version()) {
      return;
    }
    keys.put(k.key(), new Key(false, k.version(), k.tenant(), k.token(), k.scope()));
    owners.merge(k.token(), new Claim(k.key(), timestamp), this::first);
  }

  private Claim first(Claim a, Claim b) {
    int byTime = Long.compare(a.at(), b.at());
    return byTime < 0 || (byTime == 0 && u.keyId(a.key()).compareTo(u.keyId(b.key())) <= 0) ? a : b;
  }

  /**
   * The key a token authenticates as: the token's owner (its first claim ever), while the owner's
   * newest snapshot holds that token.
   */
  private Integer keyFor(String token) {
    for (Map.Entry<Integer, Claim> e : owners.entrySet()) {
      if (u.token(e.getKey()).equals(token)) {
        Key k = keys.get(e.getValue().key());
        return !k.revoked() && k.token() == e.getKey() ? e.getValue().key() : null;
      }
    }
    return null;
  }

  private List<String> scope(Key k) {
    return switch (k.scope()) {
      case 0 -> null;
      case 1 -> List.of();
      case 2 -> List.of(u.database(0));
      default -> List.of(u.database(0), u.database(1));
    };
  }

  Answer list(String token, String db, String kind, int limit, long offset, boolean ascending) {
    Integer keyIndex = keyFor(token);
    if (keyIndex == null) {
      return new Answer(401, List.of());
    }
    Key key = keys.get(keyIndex);
    String tenant = u.tenant(key.tenant());
    List<String> scope = scope(key);
    if (db != null && scope != null && !scope.contains(db)) {
      return new Answer(403, List.of());
    }
    if (db != null && !databases.contains(tenant + "/" + db)) {
      return new Answer(404, List.of());
    }
    List<Row> rows = new ArrayList<>();
    for (Job job : jobs.values()) {
      Row row = job.deleted() ? null : row(job.snap());
      if (row != null
          && row.tenant.equals(tenant)
          && (scope == null || scope.contains(row.db))
          && (db == null || db.equals(row.db))
          && (kind == null || kind.equals(row.kind))) {
        rows.add(row);
      }
    }
    Comparator<Row> order = Comparator.<Row>comparingLong(r -> r.createdAt).thenComparing(r -> r.id);
    rows.sort(ascending ? order : order.reversed());
    List<JsonNode> page = new ArrayList<>();
    for (long i = offset; i < rows.size() && page.size() < limit; i++) {
      page.add(rows.get((int) i).item);
    }
    return new Answer(200, page);
  }

  private record Row(String id, String tenant, String db, String kind, long createdAt, JsonNode item) {}

  /** The listed item of a job, or null when it is not listed. */
  private Row row(Step.JobSnap j) {
    String tenant = u.tenant(shapes.jobTenant(j));
    String kind;
    String db;
    String collection;
    JsonNode detail;
    String sourceId = null;
    if (j.source() < 0) {
      kind = Player.OWN_KINDS[j.ownKind()];
      db = u.database(j.ownDb());
      collection = "own" + j.job();
      detail = switch (kind) {
        case "github" -> Json.object().set("git_ref_identifier", Player.ref(j));
        case "s3" -> s3("own-bucket", j, false);
        default -> null;
      };
    } else {
      Source s = sources.get(j.source());
      if (s == null || s.deleted() || !u.tenant(s.tenant()).equals(tenant)) {
        return null;
      }
      sourceId = u.sourceId(j.source());
      db = u.database(s.db());
      switch (s.type()) {
        case "github" -> {
          if (!j.withRef() || !j.withTarget()) {
            return null;
          }
          kind = "github";
          detail = Json.object().set("git_ref_identifier", Player.ref(j));
          collection = "target" + j.job();
        }
        case "s3" -> {
          kind = "s3";
          detail = s3("bucket" + j.source(), j, true);
          collection = j.withTarget() ? "target" + j.job() : "coll-db" + s.db();
        }
        default -> {
          if (!j.withTarget()) {
            return null;
          }
          kind = s.type().equals("web_scrape") ? "web_scrape" : "Unknown";
          detail = null;
          collection = "target" + j.job();
        }
      }
    }
    long createdAt = Universe.millis(j.time());
    ObjectNode item = Json.object();
    item.put("id", u.jobId(j.job()));
    item.set("status", status(j.status()));
    ObjectNode metadata = item.putObject("metadata");
    metadata.set(kind, detail == null ? Json.MAPPER.nullNode() : detail);
    metadata.put("database_name", db);
    metadata.put("collection_name", collection);
    if (sourceId == null) {
      item.putNull("source_id");
    } else {
      item.put("source_id", sourceId);
    }
    item.put("created_at", API_TIME.format(Instant.ofEpochMilli(createdAt)));
    // Through text, so numbers compare as the topology's parsed output does.
    JsonNode normalized = Json.parse(Json.write(item));
    String filterKind = kind.equals("Unknown") ? "none" : kind;
    return new Row(u.jobId(j.job()), tenant, db, filterKind, createdAt, normalized);
  }

  private static JsonNode s3(String bucket, Step.JobSnap j, boolean withJobFields) {
    ObjectNode s3 = Json.object();
    s3.put("bucket_name", bucket);
    if (j.objectKey() > 0) {
      s3.put("object_key", "obj" + j.objectKey());
    } else {
      s3.putNull("object_key");
    }
    if (withJobFields) {
      s3.put("custom_id", "cid" + j.job());
      s3.putObject("additional_metadata").put("n", j.job());
    } else {
      s3.putNull("custom_id");
      s3.putNull("additional_metadata");
    }
    return s3;
  }

  private static JsonNode status(int i) {
    JsonNode s = Json.parse(Player.STATUSES[i]);
    if (s.has("complete")) {
      ObjectNode c = (ObjectNode) s.get("complete");
      c.put("finished_at", API_TIME.format(Instant.ofEpochMilli(millis(c.get("finished_at").asText()))));
    }
    return s;
  }

  static long millis(String rfc3339) {
    return OffsetDateTime.parse(rfc3339).toInstant().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
  }
}
