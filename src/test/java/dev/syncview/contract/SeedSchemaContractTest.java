package dev.syncview.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.syncview.http.HttpServer;
import dev.syncview.testing.Events;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import dev.syncview.testing.TestServers;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Items of kind github and s3, read over HTTP, validate against the seed's own response schema
 * (format assertions on). web_scrape and Unknown items follow api.md instead: the seed's schema
 * cannot be met by any JSON value for those unit kinds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedSchemaContractTest {
  static final String GH = "00000000-0000-4000-8000-000000000001";
  static final String S3 = "00000000-0000-4000-8000-000000000002";
  static final String WEB = "00000000-0000-4000-8000-000000000003";

  ProjectionHarness h;
  Javalin app;
  HttpClientSupport http;
  Schema schema;

  @BeforeAll
  void start() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/contract/seed-list-sources.schema.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(text, InputFormat.JSON);
    }
    h = new ProjectionHarness();
    h.key(Events.apiKey("k", "acme", "tok", null));
    h.source(Events.githubSource(GH, "acme", "docs"));
    h.source(Events.s3Source(S3, "acme", "bucket"));
    h.source(Events.webSource(WEB, "acme", "web"));
    String[] statuses = {
      "\"pending\"",
      "\"processing\"",
      "\"cancelled\"",
      "{\"complete\":{\"finished_at\":\"2026-11-20T12:16:02.5+02:00\",\"duration_ms\":31877}}",
      "{\"failed\":{\"error\":\"rate limited\"}}"
    };
    int n = 0;
    for (String status : statuses) {
      h.job(Events.job(id(n++), "acme", GH).setJson("status", status));
      h.job(Events.job(id(n++), "acme", GH).setJson("status", status).setJson("ref_identifier", "{\"sha\":\"abc123\"}"));
      h.job(Events.job(id(n++), "acme", S3).setJson("status", status).set("object_key", "a/b.pdf").set("custom_id", "c-1").setJson("additional_metadata", "{\"k\":[1,2]}"));
      h.job(Events.job(id(n++), "acme", S3).setJson("status", status).remove("target_collection_name"));
      h.job(Events.job(id(n++), "acme", WEB).setJson("status", status));
    }
    app = TestServers.start(h.api());
    http = new HttpClientSupport(app.port());
  }

  @AfterAll
  void stop() {
    app.stop();
    h.close();
  }

  static String id(int n) {
    return String.format("00000000-0000-4000-9000-%012d", n);
  }

  List<Error> validate(String json) {
    return schema.validate(json, InputFormat.JSON, (ctx, sc) -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
  }

  @Test
  void shouldServeGithubAndS3ItemsThatValidateAgainstTheSeedSchema() {
    for (String kind : new String[] {"github", "s3"}) {
      String body = http.get("/api/v1/sources?limit=1000&source_type=" + kind, "tok").body();

      assertThat(Json.parse(body)).hasSize(kind.equals("github") ? 10 : 10);
      assertThat(validate(body)).as(kind + " items: " + body).isEmpty();
    }
  }

  @Test
  void shouldServeWebScrapeItemsInTheFlattenedFormOfApiMd() {
    JsonNode items = Json.parse(http.get("/api/v1/sources?source_type=web_scrape", "tok").body());

    assertThat(items).hasSize(5);
    for (JsonNode item : items) {
      JsonNode metadata = item.get("metadata");
      assertThat(metadata.has("web_scrape")).isTrue();
      assertThat(metadata.get("web_scrape").isNull()).isTrue();
      assertThat(metadata.size()).isEqualTo(3);
    }
  }

  @Test
  void shouldRejectItemsThatBreakTheSeedSchemaSoTheContractTestCanFail() {
    String good = http.get("/api/v1/sources?limit=1&source_type=github", "tok").body();
    String badStatus = good.replaceFirst("\"status\":(\"[a-z]+\"|\\{[^}]*\\}\\})", "\"status\":\"done\"");
    String badDate = good.replaceFirst("\"created_at\":\"[^\"]+\"", "\"created_at\":\"yesterday\"");

    assertThat(validate(good)).isEmpty();
    assertThat(validate(badStatus)).isNotEmpty();
    assertThat(validate(badDate)).isNotEmpty();
  }

  @Test
  void shouldRenderEveryItemWithExactlyFiveFieldsAndMillisecondUtcTimestamps() {
    JsonNode items = Json.parse(http.get("/api/v1/sources?limit=1000", "tok").body());
    for (JsonNode item : items) {
      assertThat(item.size()).isEqualTo(5);
      assertThat(item.get("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
      JsonNode complete = item.get("status").get("complete");
      if (complete != null) {
        assertThat(complete.get("finished_at").asText()).isEqualTo("2026-11-20T10:16:02.500Z");
      }
      JsonNode s3 = item.get("metadata").get("s3");
      if (s3 != null) {
        assertThat(s3.size()).isEqualTo(4);
        assertThat(item.get("metadata").get("collection_name").asText()).isIn("s3-collection", "chroma-docs");
      }
    }
  }
}
