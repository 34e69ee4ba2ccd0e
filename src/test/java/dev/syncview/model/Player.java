package dev.syncview.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns steps into the records upstream services would publish: topic, key bytes, value bytes.
 * Only the topology reads these bytes; the model reads the steps themselves.
 */
final class Player {
  static final String[] STATUSES = {
    "\"pending\"",
    "\"processing\"",
    "\"cancelled\"",
    "{\"complete\":{\"finished_at\":\"2026-11-20T12:00:00.5+02:00\",\"duration_ms\":123}}",
    "{\"failed\":{\"error\":\"boom\"}}"
  };
  static final String[] OWN_KINDS = {"github", "s3", "web_scrape", "Unknown"};

  record Rec(String topic, byte[] key, byte[] value) {}

  private final Universe u;

  Player(Universe u) {
    this.u = u;
  }

  Rec record(Step step) {
    if (step instanceof Step.SourceSnap s) {
      String id = u.sourceId(s.source());
      String key = s.upperKey() ? id.toUpperCase(Locale.ROOT) : id;
      return new Rec("sync.sources", utf8(key), utf8(Json.write(source(s, key))));
    }
    if (step instanceof Step.SourceTomb t) {
      return new Rec("sync.sources", utf8(u.sourceId(t.source())), null);
    }
    if (step instanceof Step.JobSnap j) {
      return new Rec("sync.jobs", utf8(jobKey(j)), utf8(Json.write(job(j))));
    }
    if (step instanceof Step.JobTomb t) {
      return new Rec("sync.jobs", utf8(u.jobId(t.job())), null);
    }
    if (step instanceof Step.KeySnap k) {
      return new Rec("sync.api-keys", utf8(u.keyId(k.key())), utf8(Json.write(key(k))));
    }
    if (step instanceof Step.KeyTomb t) {
      return new Rec("sync.api-keys", utf8(u.keyId(t.key())), null);
    }
    if (step instanceof Step.Broken b) {
      return broken(b);
    }
    throw new IllegalArgumentException("not playable on its own: " + step);
  }

  ObjectNode source(Step.SourceSnap s, String id) {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("tenant", u.tenant(sourceTenant(s)));
    o.put("database_name", u.database(s.db()));
    o.put("created_at", Universe.TIMES.get(s.time()));
    o.put("version", s.version());
    String type = sourceType(s);
    switch (type) {
      case "github" -> o.putObject("github").put("repository", "owner/repo" + s.source());
      case "web_scrape" -> o.putObject("web_scrape").put("starting_url", "https://example.com/" + s.source());
      case "s3" -> {
        ObjectNode s3 = o.putObject("s3");
        s3.put("bucket_name", "bucket" + s.source());
        s3.put("region", "eu-west-1");
        s3.put("collection_name", "coll-db" + s.db());
        s3.put("aws_secret_access_key", "never-stored");
      }
      default -> o.putObject("file_upload").put("name", "file" + s.source());
    }
    if (s.deleted()) {
      o.put("deleted", true);
    }
    return o;
  }

  int sourceTenant(Step.SourceSnap s) {
    int home = u.homeTenant(s.source());
    return s.otherTenant() ? (home + 1) % Universe.TENANTS : home;
  }

  String sourceType(Step.SourceSnap s) {
    return s.otherType() ? Universe.TYPES[(s.source() + 1) % Universe.TYPES.length] : u.homeType(s.source());
  }

  int jobTenant(Step.JobSnap j) {
    int home = j.source() >= 0 ? u.homeTenant(j.source()) : 0;
    return j.otherTenant() ? (home + 1) % Universe.TENANTS : home;
  }

  ObjectNode job(Step.JobSnap j) {
    ObjectNode o = Json.object();
    o.put("id", jobKey(j));
    o.put("tenant", u.tenant(jobTenant(j)));
    if (j.source() < 0) {
      o.putNull("source_id");
    } else {
      String sid = u.sourceId(j.source());
      o.put("source_id", j.upperSourceId() ? sid.toUpperCase(Locale.ROOT) : sid);
    }
    o.put("created_at", Universe.text(j.time()));
    o.put("version", j.version());
    o.set("status", Json.parse(STATUSES[j.status()]));
    if (j.withTarget()) {
      o.put("target_collection_name", "target" + j.job());
    }
    if (j.withRef()) {
      o.set("ref_identifier", ref(j));
    }
    if (j.objectKey() > 0) {
      o.put("object_key", "obj" + j.objectKey());
    }
    o.put("custom_id", "cid" + j.job());
    if (j.deleted()) {
      o.put("deleted", true);
    }
    o.putObject("additional_metadata").put("n", j.job());
    if (j.source() < 0) {
      ObjectNode m = o.putObject("metadata");
      String kind = OWN_KINDS[j.ownKind()];
      switch (kind) {
        case "github" -> m.putObject("github").set("git_ref_identifier", ref(j));
        case "s3" -> {
          ObjectNode s3 = m.putObject("s3");
          s3.put("bucket_name", "own-bucket");
          if (j.objectKey() > 0) {
            s3.put("object_key", "obj" + j.objectKey());
          }
        }
        default -> m.putNull(kind);
      }
      m.put("database_name", u.database(j.ownDb()));
      m.put("collection_name", "own" + j.job());
      m.put("ignored_extra", 1);
    }
    return o;
  }

  /** The job's id as its record spells it (ids compare in any case). */
  String jobKey(Step.JobSnap j) {
    String id = u.jobId(j.job());
    return j.upperSourceId() ? id.toUpperCase(Locale.ROOT) : id;
  }

  static ObjectNode ref(Step.JobSnap j) {
    ObjectNode ref = Json.object();
    if (j.job() % 2 == 0) {
      ref.put("branch", "main");
    } else {
      ref.put("sha", "abc" + j.job());
    }
    return ref;
  }

  ObjectNode key(Step.KeySnap k) {
    ObjectNode o = Json.object();
    o.put("id", u.keyId(k.key()));
    o.put("tenant", u.tenant(k.tenant()));
    o.put("token_sha256", Events.sha256(u.token(k.token())));
    switch (k.scope()) {
      case 0 -> o.putNull("databases");
      case 1 -> o.putArray("databases");
      case 2 -> o.putArray("databases").add(u.database(0));
      default -> o.putArray("databases").add(u.database(0)).add(u.database(1));
    }
    o.put("revoked", k.revoked());
    o.put("version", k.version());
    return o;
  }

  /** The base step's record with one defect that events.md says must be dead-lettered. */
  private Rec broken(Step.Broken b) {
    Rec base = record(b.base());
    if (base.value() == null) {
      return new Rec(base.topic(), base.key(), utf8("{\"tombstone\":"));
    }
    ObjectNode o = (ObjectNode) Json.parse(base.value());
    boolean keys = base.topic().equals("sync.api-keys");
    switch (b.defect()) {
      case 0 -> {
        String text = Json.write(o);
        return new Rec(base.topic(), base.key(), utf8(text.substring(0, text.length() / 2)));
      }
      case 1 -> o.remove("version");
      case 2 -> o.put("version", "2");
      case 3 -> o.put("id", keys ? "someone-else" : "00000000-0000-4000-8000-00000000dead");
      case 4 -> {
        if (keys) {
          o.put("token_sha256", o.get("token_sha256").asText().toUpperCase(Locale.ROOT));
        } else {
          o.put("created_at", "2026-11-20T10:00:00");
        }
      }
      case 5 -> {
        if (keys) {
          o.put("tenant", "");
        } else if (base.topic().equals("sync.jobs")) {
          o.put("status", "done");
        } else {
          for (String t : Universe.TYPES) {
            o.remove(t);
          }
        }
      }
      default -> {
        // an empty key: a compacted topic refuses null keys (and the whole batch with them)
        return new Rec(base.topic(), keys ? new byte[0] : utf8("not-a-uuid"), utf8(Json.write(o)));
      }
    }
    return new Rec(base.topic(), base.key(), utf8(Json.write(o)));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
