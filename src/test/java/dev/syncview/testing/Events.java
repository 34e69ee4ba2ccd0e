package dev.syncview.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/** Builders of upstream snapshots as events.md defines them, with every field overridable. */
public final class Events {
  private Events() {}

  public static final String T0 = "2026-11-20T10:15:30.123Z";

  /** A github source snapshot. */
  public static Snapshot githubSource(String id, String tenant, String db) {
    ObjectNode o = base(id, tenant, 1);
    o.put("database_name", db);
    ObjectNode gh = o.putObject("github");
    gh.put("repository", "chroma-core/chroma");
    gh.putNull("app_id");
    gh.putArray("include_globs").add("docs/**");
    o.putObject("embedding_model").put("model", "Qwen/Qwen3-Embedding-0.6B");
    return new Snapshot(o);
  }

  public static Snapshot webSource(String id, String tenant, String db) {
    ObjectNode o = base(id, tenant, 1);
    o.put("database_name", db);
    o.putObject("web_scrape").put("starting_url", "https://docs.trychroma.com");
    return new Snapshot(o);
  }

  public static Snapshot s3Source(String id, String tenant, String db) {
    ObjectNode o = base(id, tenant, 1);
    o.put("database_name", db);
    ObjectNode s3 = o.putObject("s3");
    s3.put("bucket_name", "acme-docs");
    s3.put("region", "us-east-1");
    s3.put("collection_name", "s3-collection");
    return new Snapshot(o);
  }

  public static Snapshot fileUploadSource(String id, String tenant, String db) {
    ObjectNode o = base(id, tenant, 1);
    o.put("database_name", db);
    o.putObject("file_upload").put("filename", "notes.pdf");
    return new Snapshot(o);
  }

  /** A job with every kind field, so it lists under any kind of source. */
  public static Snapshot job(String id, String tenant, String sourceId) {
    ObjectNode o = base(id, tenant, 1);
    o.put("source_id", sourceId);
    o.put("status", "pending");
    o.put("target_collection_name", "chroma-docs");
    o.putObject("ref_identifier").put("branch", "main");
    return new Snapshot(o);
  }

  /** A source-less job carrying its own web_scrape metadata. */
  public static Snapshot sourcelessJob(String id, String tenant, String db) {
    ObjectNode o = base(id, tenant, 1);
    o.putNull("source_id");
    o.put("status", "processing");
    ObjectNode m = o.putObject("metadata");
    m.putNull("web_scrape");
    m.put("database_name", db);
    m.put("collection_name", "loose");
    return new Snapshot(o);
  }

  public static Snapshot apiKey(String id, String tenant, String token, List<String> databases) {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("tenant", tenant);
    o.put("token_sha256", sha256(token));
    if (databases == null) {
      o.putNull("databases");
    } else {
      databases.forEach(o.putArray("databases")::add);
    }
    o.put("revoked", false);
    o.put("version", 1);
    return new Snapshot(o);
  }

  public static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode base(String id, String tenant, long version) {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("tenant", tenant);
    o.put("created_at", T0);
    o.put("version", version);
    return o;
  }

  /** A mutable snapshot: tweak it, then take its {@link #json()} or {@link #bytes()}. */
  public static final class Snapshot {
    private final ObjectNode node;

    Snapshot(ObjectNode node) {
      this.node = node;
    }

    public Snapshot version(long v) {
      node.put("version", v);
      return this;
    }

    public Snapshot createdAt(String ts) {
      node.put("created_at", ts);
      return this;
    }

    public Snapshot set(String field, String value) {
      node.put(field, value);
      return this;
    }

    public Snapshot set(String field, long value) {
      node.put(field, value);
      return this;
    }

    public Snapshot set(String field, boolean value) {
      node.put(field, value);
      return this;
    }

    public Snapshot setJson(String field, String json) {
      node.set(field, Json.parse(json));
      return this;
    }

    public Snapshot setNull(String field) {
      node.putNull(field);
      return this;
    }

    public Snapshot remove(String field) {
      node.remove(field);
      return this;
    }

    public Snapshot edit(Consumer<ObjectNode> change) {
      change.accept(node);
      return this;
    }

    public String id() {
      return node.get("id").asText();
    }

    public JsonNode node() {
      return node;
    }

    public String json() {
      return Json.write(node);
    }

    public byte[] bytes() {
      return json().getBytes(StandardCharsets.UTF_8);
    }

    public Snapshot copy() {
      return new Snapshot(node.deepCopy());
    }
  }
}
