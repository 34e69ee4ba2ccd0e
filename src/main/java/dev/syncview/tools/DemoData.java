package dev.syncview.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.config.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A realistic sample: three tenants, several databases, all source kinds, jobs in every status
 * (published in two versions, as workers do), one source-less job and one deleted source. Ids are
 * derived from names, so publishing twice changes nothing; the API keys are new on each run.
 */
public final class DemoData {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant BASE = Instant.parse("2026-11-20T09:00:00Z");
  private static final String[] FINAL_STATUSES = {
    "\"pending\"",
    "\"processing\"",
    "{\"complete\":{\"finished_at\":\"%s\",\"duration_ms\":31877}}",
    "{\"failed\":{\"error\":\"GitHub API rate limit exceeded\"}}",
    "\"cancelled\""
  };

  private DemoData() {}

  /** What was published: counts and the tokens of the demo keys (shown once). */
  public record Summary(int sources, int jobs, List<ApiKeys.Issued> keys) {}

  private record Src(String name, String tenant, String db, String type, String config) {
    String id() {
      return uuid("source:" + name);
    }
  }

  public static Summary publish(String bootstrapServers, Topics topics) throws InterruptedException {
    List<Src> sources =
        List.of(
            new Src("acme-docs", "acme", "docs-db", "github",
                "{\"repository\":\"chroma-core/chroma\",\"include_globs\":[\"docs/**\"]}"),
            new Src("acme-site", "acme", "docs-db", "web_scrape",
                "{\"starting_url\":\"https://docs.trychroma.com\",\"max_depth\":3}"),
            new Src("acme-tickets", "acme", "support-db", "s3",
                "{\"bucket_name\":\"acme-support\",\"region\":\"us-east-1\",\"collection_name\":\"tickets\","
                    + "\"aws_access_key_id\":\"AKIADEMODEMODEMO\",\"aws_secret_access_key\":\"demo-secret-never-shown\"}"),
            new Src("acme-uploads", "acme", "support-db", "file_upload", "{\"filename\":\"handbook.pdf\"}"),
            new Src("globex-research", "globex", "research", "github",
                "{\"repository\":\"globex/papers\"}"),
            new Src("globex-wiki", "globex", "ops", "web_scrape",
                "{\"starting_url\":\"https://wiki.globex.example\"}"),
            new Src("globex-logs", "globex", "ops", "s3",
                "{\"bucket_name\":\"globex-logs\",\"region\":\"eu-west-1\",\"collection_name\":\"logs\"}"),
            new Src("initech-tps", "initech", "tps-reports", "github",
                "{\"repository\":\"initech/tps\"}"),
            new Src("initech-scans", "initech", "tps-reports", "s3",
                "{\"bucket_name\":\"initech-scans\",\"region\":\"us-west-2\",\"collection_name\":\"scans\"}"));
    int jobs = 0;
    List<ApiKeys.Issued> keys = new ArrayList<>();
    long version = System.currentTimeMillis();
    try (Publisher out = new Publisher(bootstrapServers)) {
      int hour = 0;
      for (Src s : sources) {
        out.send(topics.sources(), s.id(), source(s));
        for (int i = 0; i < FINAL_STATUSES.length; i++) {
          Instant created = BASE.minus(hour++, ChronoUnit.HOURS);
          String id = uuid("job:" + s.name() + ":" + i);
          out.send(topics.jobs(), id, job(id, s, created, 1, "\"pending\"", i));
          out.send(topics.jobs(), id, job(id, s, created, 2, status(i, created), i));
          jobs++;
        }
      }
      String loose = uuid("job:acme-sourceless");
      out.send(topics.jobs(), loose, sourceless(loose));
      jobs++;
      Src deleted = sources.get(5);
      out.send(topics.sources(), deleted.id(), deletedSource(deleted));
      keys.add(ApiKeys.issue("demo-acme", "acme", null, version));
      keys.add(ApiKeys.issue("demo-globex", "globex", null, version));
      keys.add(ApiKeys.issue("demo-acme-docs", "acme", List.of("docs-db"), version));
      for (ApiKeys.Issued k : keys) {
        out.send(topics.apiKeys(), k.keyId(), k.snapshotJson());
      }
      out.awaitAcks();
    }
    return new Summary(sources.size(), jobs, keys);
  }

  private static String source(Src s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", s.id());
    o.put("tenant", s.tenant());
    o.put("database_name", s.db());
    o.put("created_at", BASE.minus(30, ChronoUnit.DAYS).toString());
    o.put("version", 1);
    o.set(s.type(), parse(s.config()));
    o.set("embedding_model", parse("{\"model\":\"Qwen/Qwen3-Embedding-0.6B\"}"));
    o.set("chunking", parse("{\"type\":\"tree_sitter\",\"max_size_bytes\":8192}"));
    return o.toString();
  }

  private static String deletedSource(Src s) {
    ObjectNode o = (ObjectNode) parse(source(s));
    o.put("version", 2);
    o.put("deleted", true);
    return o.toString();
  }

  private static String job(String id, Src s, Instant created, int version, String status, int i) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", id);
    o.put("tenant", s.tenant());
    o.put("source_id", s.id());
    o.put("created_at", created.toString());
    o.put("version", version);
    o.set("status", parse(status));
    switch (s.type()) {
      case "github" -> {
        o.put("target_collection_name", s.name() + "-code");
        o.set("ref_identifier", parse(i % 2 == 0 ? "{\"branch\":\"main\"}" : "{\"sha\":\"4f3c2a1\"}"));
      }
      case "s3" -> {
        o.put("object_key", "reports/2026/report-" + i + ".pdf");
        o.put("custom_id", "doc-" + i);
        o.set("additional_metadata", parse("{\"department\":\"support\",\"pages\":" + (i + 3) + "}"));
      }
      default -> o.put("target_collection_name", s.name() + "-pages");
    }
    return o.toString();
  }

  private static String sourceless(String id) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", id);
    o.put("tenant", "acme");
    o.putNull("source_id");
    o.put("created_at", BASE.plus(1, ChronoUnit.HOURS).toString());
    o.put("version", 1);
    o.put("status", "processing");
    o.set("metadata", parse("{\"web_scrape\":null,\"database_name\":\"scratch-db\",\"collection_name\":\"adhoc\"}"));
    return o.toString();
  }

  private static String status(int i, Instant created) {
    return String.format(FINAL_STATUSES[i], created.plusSeconds(32).toString());
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  static String uuid(String name) {
    return UUID.nameUUIDFromBytes(("sync-view-demo:" + name).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
