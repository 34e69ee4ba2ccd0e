package dev.syncview.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.testing.Events;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import dev.syncview.testing.TestServers;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The read API beyond the seed, over real HTTP: get source, list_jobs, get invocation, latest-by-keys, cursors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadApiHttpTest {
  static final String GH = "00000000-0000-4000-8000-0000000000a1";
  static final String S3 = "00000000-0000-4000-8000-0000000000a2";
  static final String WEB = "00000000-0000-4000-8000-0000000000a3";
  static final String FOREIGN = "00000000-0000-4000-8000-0000000000f1";
  static final String FOREIGN_JOB = "00000000-0000-4000-8000-0000000000f2";
  static final String[] STATUSES = {"\"pending\"", "\"processing\"", "\"cancelled\"",
    "{\"complete\":{\"finished_at\":\"2026-11-20T10:00:00Z\",\"duration_ms\":5}}", "{\"failed\":{\"error\":\"x\"}}"};

  ProjectionHarness h;
  Javalin app;
  HttpClientSupport http;

  @BeforeAll
  void start() {
    h = new ProjectionHarness();
    h.key(Events.apiKey("k", "acme", "tok", null));
    h.key(Events.apiKey("s", "acme", "docs-only", List.of("docs")));
    h.key(Events.apiKey("o", "other", "other-tok", null));
    h.source(Events.githubSource(GH, "acme", "docs").remove("embedding_model"));
    h.source(Events.s3Source(S3, "acme", "bucket")
        .edit(o -> o.with("s3").put("aws_secret_access_key", "s3cr3t").put("aws_access_key_id", "AKIA0000")));
    h.source(Events.webSource(WEB, "acme", "web"));
    h.source(Events.githubSource(FOREIGN, "other", "docs"));
    h.job(Events.job(FOREIGN_JOB, "other", FOREIGN));
    String[] sources = {GH, S3, WEB};
    for (int i = 0; i < 30; i++) {
      h.job(Events.job(job(i), "acme", sources[i % 3])
          .createdAt(String.format("2026-11-%02dT10:00:00Z", 1 + i / 3))
          .setJson("status", STATUSES[i % 5])
          .set("object_key", "key-" + (i % 4)));
    }
    app = TestServers.start(h.api());
    http = new HttpClientSupport(app.port());
  }

  @AfterAll
  void stop() {
    app.stop();
    h.close();
  }

  static String job(int i) {
    return String.format("00000000-0000-4000-9000-%012d", i);
  }

  JsonNode json(HttpResponse<String> r) {
    return Json.parse(r.body());
  }

  @Test
  void shouldGiveEveryAnswerItsOwnVersion4RequestIdWhenRequestsAreGoodOrBad() {
    // Given good and bad requests alike; When each is answered
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String path = i % 2 == 0 ? "/api/v1/sources" : "/api/v1/sources?limit=-1";
      ids.add(http.get(path, "tok").headers().firstValue("X-Request-Id").orElseThrow());
    }
    // Then each carries a distinct random UUID in its canonical form
    assertThat(ids).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  }

  @Test
  void shouldServeTheFlatSourceObjectWithDefaultsAndNoCredentials() {
    HttpResponse<String> r = http.get("/api/v1/sources/" + GH.toUpperCase(), "tok");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode s = json(r);
    assertThat(s.fieldNames()).toIterable()
        .containsExactly("github", "id", "database_name", "embedding_model", "chunking", "embedding", "created_at");
    assertThat(s.get("github").get("repository").asText()).isEqualTo("chroma-core/chroma");
    assertThat(s.get("embedding_model").get("model").asText()).isEqualTo("Qwen/Qwen3-Embedding-0.6B");
    assertThat(s.get("chunking").get("type").asText()).isEqualTo("tree_sitter");
    assertThat(s.get("created_at").asText()).isEqualTo("2026-11-20T10:15:30.123Z");
    String s3 = http.get("/api/v1/sources/" + S3, "tok").body();
    assertThat(s3).contains("\"bucket_name\":\"acme-docs\"").doesNotContain("s3cr3t").doesNotContain("AKIA0000")
        .doesNotContain("aws_secret_access_key").doesNotContain("aws_access_key_id");
  }

  @Test
  void shouldServeOneInvocationAsTheListingShowsIt() {
    String listed = json(http.get("/api/v1/invocations?limit=1000", "tok")).get(0).toString();
    String id = Json.parse(listed).get("id").asText();

    assertThat(json(http.get("/api/v1/invocations/" + id, "tok")).toString()).isEqualTo(listed);
  }

  /** Another tenant's ids, out-of-scope ids and random ids all answer the same 404. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/api/v1/sources/{source}, GET",
    "/api/v1/invocations/{job}, GET",
    "/api/v1/invocations?source_id={source}, GET",
    "/api/v1/sources/{source}/invocations/latest-by-keys, POST"
  })
  void shouldAnswerForeignAndUnknownIdsWithTheSame404(String template, String method) {
    String random = "00000000-0000-4000-8000-00000000dead";
    HttpResponse<String> foreign = call(method, template.replace("{source}", FOREIGN).replace("{job}", FOREIGN_JOB), "tok");
    HttpResponse<String> unknown = call(method, template.replace("{source}", random).replace("{job}", random), "tok");
    HttpResponse<String> scoped = call(method, template.replace("{source}", WEB).replace("{job}", job(2)), "docs-only");

    for (HttpResponse<String> r : List.of(foreign, unknown, scoped)) {
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(json(r).get("error").asText()).isEqualTo("NotFound");
      assertThat(r.headers().map().keySet()).isEqualTo(unknown.headers().map().keySet());
    }
    assertThat(withoutIds(foreign.body())).isEqualTo(withoutIds(unknown.body())).isEqualTo(withoutIds(scoped.body()));
  }

  HttpResponse<String> call(String method, String path, String token) {
    return method.equals("GET")
        ? http.get(path, token)
        : http.send("POST", path, Map.of("x-chroma-token", token, "Content-Type", "application/json"), "{\"object_keys\":[\"key-1\"]}");
  }

  static String withoutIds(String body) {
    return body.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID");
  }

  @Test
  void shouldFilterInvocationsByStatusSourceAndKind() {
    JsonNode failed = json(http.get("/api/v1/invocations?status=failed&limit=1000", "tok"));
    assertThat(failed).hasSize(6).allSatisfy(i -> assertThat(i.get("status").has("failed")).isTrue());
    JsonNode ofS3 = json(http.get("/api/v1/invocations?source_id=" + S3 + "&limit=1000", "tok"));
    assertThat(ofS3).hasSize(10).allSatisfy(i -> assertThat(i.get("source_id").asText()).isEqualTo(S3));
    JsonNode both = json(http.get("/api/v1/invocations?source_id=" + S3 + "&status=pending&limit=1000", "tok"));
    assertThat(both).allSatisfy(i -> assertThat(i.get("status").asText()).isEqualTo("pending")).isNotEmpty();
    assertThat(json(http.get("/api/v1/invocations?source_id=" + S3 + "&source_type=github", "tok"))).isEmpty();
    assertThat(json(http.get("/api/v1/invocations?source_id=" + S3 + "&source_type=s3", "tok"))).hasSize(10);
    assertThat(json(http.get("/api/v1/invocations?database_name=web&status=cancelled", "tok")))
        .allSatisfy(i -> assertThat(i.get("metadata").get("database_name").asText()).isEqualTo("web"));
  }

  @ParameterizedTest(name = "?{0} -> 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "source_id=abc|source_id",
        "source_id=" + S3 + "&database_name=bucket|source_id",
        "status=done|status",
        "status=Pending|status",
        "status=failed&status=failed|status",
        "status=x&limit=-1|status",
        "cursor=not-a-cursor|cursor",
        "cursor=|cursor",
      })
  void shouldRejectBadListJobsParameters(String query, String named) {
    HttpResponse<String> r = http.get("/api/v1/invocations?" + query, "tok");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("message").asText()).contains(named);
  }

  @Test
  void shouldAnswerTheNewestInvocationPerObjectKeyAndLeaveOutKeysWithNone() {
    HttpResponse<String> r = http.send("POST", "/api/v1/sources/" + S3 + "/invocations/latest-by-keys",
        Map.of("x-chroma-token", "tok", "Content-Type", "application/json"),
        "{\"object_keys\":[\"key-0\",\"key-1\",\"nope\",\"key-0\"]}");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.fieldNames()).toIterable().containsExactly("key-0", "key-1");
    for (String key : List.of("key-0", "key-1")) {
      JsonNode newest = null;
      for (JsonNode item : json(http.get("/api/v1/invocations?source_id=" + S3 + "&limit=1000", "tok"))) {
        if (item.get("metadata").get("s3").get("object_key").asText().equals(key) && newest == null) {
          newest = item;
        }
      }
      assertThat(body.get(key)).isEqualTo(newest);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "application/json|not json|400",
        "application/json|{\"object_keys\":\"key-0\"}|400",
        "application/json|{\"object_keys\":[1]}|400",
        "application/json|{}|400",
        "application/json|{\"object_keys\":[],\"object_keys\":[]}|400",
        "text/plain|{\"object_keys\":[]}|415",
      })
  void shouldRejectABadLatestByKeysBody(String type, String body, int status) {
    HttpResponse<String> r = http.send("POST", "/api/v1/sources/" + S3 + "/invocations/latest-by-keys",
        Map.of("x-chroma-token", "tok", "Content-Type", type), body);
    assertThat(r.statusCode()).isEqualTo(status);
  }

  @Test
  void shouldLimitLatestByKeysTo1000KeysAndS3Sources() {
    StringBuilder keys = new StringBuilder("{\"object_keys\":[");
    for (int i = 0; i < 1001; i++) {
      keys.append(i == 0 ? "" : ",").append("\"k").append(i).append('"');
    }
    String tooMany = keys.append("]}").toString();
    Map<String, String> headers = Map.of("x-chroma-token", "tok", "Content-Type", "application/json");
    assertThat(http.send("POST", "/api/v1/sources/" + S3 + "/invocations/latest-by-keys", headers, tooMany).statusCode()).isEqualTo(400);
    assertThat(http.send("POST", "/api/v1/sources/" + GH + "/invocations/latest-by-keys", headers, "{\"object_keys\":[]}").statusCode()).isEqualTo(400);
    assertThat(http.send("POST", "/api/v1/sources/" + S3 + "/invocations/latest-by-keys", Map.of("Content-Type", "application/json"), "{\"object_keys\":[]}").statusCode()).isEqualTo(401);
  }

  @Test
  void shouldAnswerMethodNotAllowedOnTheNewRoutes() {
    HttpResponse<String> post = http.send("POST", "/api/v1/invocations", "tok", "{}");
    HttpResponse<String> get = http.get("/api/v1/sources/" + S3 + "/invocations/latest-by-keys", "tok");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
  }

  // --- cursors

  @ParameterizedTest(name = "{0} limit={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/v1/sources?order_by=desc|1",
        "/api/v1/sources?order_by=asc|4",
        "/api/v1/sources?source_type=s3|3",
        "/api/v1/sources?database_name=docs&order_by=ASC|2",
        "/api/v1/invocations?status=failed|1",
        "/api/v1/invocations?source_id=" + S3 + "&order_by=asc|3",
        "/api/v1/invocations?source_type=web_scrape&status=cancelled|1",
        "/api/v1/invocations|7",
      })
  void shouldConcatenateCursorPagesIntoTheOffsetListing(String listing, int limit) {
    String sep = listing.contains("?") ? "&" : "?";
    List<JsonNode> all = new ArrayList<>();
    json(http.get(listing + sep + "limit=1000", "tok")).forEach(all::add);

    List<JsonNode> paged = new ArrayList<>();
    String next = listing + sep + "limit=" + limit;
    int pages = 0;
    while (next != null && pages++ < 100) {
      HttpResponse<String> r = http.get(next, "tok");
      assertThat(r.statusCode()).isEqualTo(200);
      json(r).forEach(paged::add);
      next = nextLink(r);
    }
    assertThat(paged).isEqualTo(all);
  }

  @Test
  void shouldContinueAScopedKeysMergedListingWithCursors() {
    List<JsonNode> all = new ArrayList<>();
    json(http.get("/api/v1/sources?limit=1000", "docs-only")).forEach(all::add);
    List<JsonNode> paged = new ArrayList<>();
    String next = "/api/v1/sources?limit=3";
    while (next != null) {
      HttpResponse<String> r = http.get(next, "docs-only");
      json(r).forEach(paged::add);
      next = nextLink(r);
    }
    assertThat(paged).isEqualTo(all).hasSize(10);
  }

  @Test
  void shouldGiveNoLinkOnTheLastPage() {
    assertThat(http.get("/api/v1/sources?limit=1000", "tok").headers().firstValue("Link")).isEmpty();
    assertThat(http.get("/api/v1/sources?limit=30", "tok").headers().firstValue("Link")).isEmpty();
    assertThat(http.get("/api/v1/sources?limit=29", "tok").headers().firstValue("Link")).isPresent();
  }

  @Test
  void shouldRejectATamperedForeignMismatchedOrCombinedCursor() {
    String next = nextLink(http.get("/api/v1/sources?limit=2&source_type=s3", "tok"));
    String cursor = next.substring(next.indexOf("cursor=") + 7);
    char[] chars = cursor.toCharArray();
    chars[5] = chars[5] == 'A' ? 'B' : 'A';
    String tampered = new String(chars);

    assertThat(http.get("/api/v1/sources?limit=2&source_type=s3&order_by=DESC&cursor=" + cursor, "tok").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/sources?source_type=s3&order_by=DESC&cursor=" + tampered, "tok").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/v1/sources?source_type=s3&order_by=DESC&cursor=" + cursor, "other-tok").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/v1/sources?source_type=web_scrape&order_by=DESC&cursor=" + cursor, "tok").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/v1/sources?source_type=s3&order_by=ASC&cursor=" + cursor, "tok").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/v1/invocations?source_type=s3&order_by=DESC&cursor=" + cursor, "tok").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/v1/sources?source_type=s3&order_by=DESC&offset=0&cursor=" + cursor, "tok").statusCode()).isEqualTo(400);
  }

  static String nextLink(HttpResponse<String> r) {
    String link = r.headers().firstValue("Link").orElse(null);
    if (link == null) {
      return null;
    }
    Matcher m = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(link);
    assertThat(m.matches()).as(link).isTrue();
    return m.group(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/sources/not-a-uuid", "/api/v1/invocations/not-a-uuid"})
  void shouldAnswerNotFoundForIdsThatAreNotUuids(String path) {
    assertThat(http.get(path, "tok").statusCode()).isEqualTo(404);
  }
}
