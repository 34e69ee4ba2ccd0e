package dev.syncview.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.syncview.http.HttpServer;
import dev.syncview.http.HttpSettings;
import dev.syncview.query.ApiException;
import dev.syncview.query.Progress;
import dev.syncview.testing.Events;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import dev.syncview.testing.TestServers;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real responses, every route and every status the server can give, validated against the OpenAPI
 * document the server itself serves: the status must be declared for the route, its required
 * headers sent, its body valid against the declared schema (format assertions on).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {
  static final String GH = "00000000-0000-4000-8000-0000000000b1";
  static final String S3 = "00000000-0000-4000-8000-0000000000b2";
  static final String WEB = "00000000-0000-4000-8000-0000000000b3";
  static final String FILE = "00000000-0000-4000-8000-0000000000b4";
  static final String ORPHAN_JOB = "00000000-0000-4000-9000-0000000000c9";
  static final String[] STATUSES = {"\"pending\"", "\"processing\"", "\"cancelled\"",
    "{\"complete\":{\"finished_at\":\"2026-11-20T10:00:00Z\",\"duration_ms\":5}}",
    "{\"failed\":{\"error\":\"boom\"}}"};

  ProjectionHarness h;
  Javalin app;
  Javalin unavailable;
  HttpClientSupport http;
  HttpClientSupport down;
  JsonNode doc;
  final Set<String> covered = new TreeSet<>();

  @BeforeAll
  void start() {
    h = new ProjectionHarness();
    h.key(Events.apiKey("k", "acme", "tok", null));
    h.key(Events.apiKey("s", "acme", "docs-only", List.of("docs")));
    h.source(Events.githubSource(GH, "acme", "docs"));
    h.source(Events.s3Source(S3, "acme", "bucket"));
    h.source(Events.webSource(WEB, "acme", "web"));
    h.source(
        Events.githubSource(FILE, "acme", "files")
            .edit(
                o -> {
                  o.remove("github");
                  o.putObject("file_upload").put("name", "a.pdf");
                }));
    String[] sources = {GH, S3, WEB, FILE};
    for (int i = 0; i < 12; i++) {
      h.job(Events.job(String.format("00000000-0000-4000-9000-%012d", i), "acme", sources[i % 4])
          .createdAt(String.format("2026-11-%02dT10:00:00.5Z", 1 + i))
          .setJson("status", STATUSES[i % 5])
          .set("object_key", "key-" + (i % 3)));
    }
    h.job(Events.sourcelessJob(ORPHAN_JOB, "acme", "docs"));
    app = TestServers.start(h.api());
    http = new HttpClientSupport(app.port());
    unavailable =
        HttpServer.create(
                h.api(),
                // mid-restore, no rate known yet: the ETA is null
                TestServers.status(
                    false,
                    new Progress(
                        Progress.Phase.RESTORING, Progress.Work.of(10, 90, 0), Progress.Work.of(5, 3, 1.5), 2)),
                (positions, timeout) -> {
                  throw new ApiException.Unavailable("position not applied yet", 1);
                },
                new HttpSettings(
                    "s".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(10), "sync.api-keys"))
            .start("127.0.0.1", 0);
    down = new HttpClientSupport(unavailable.port());
    doc = Json.parse(http.get("/openapi.json", null).body());
  }

  @AfterAll
  void stop() {
    app.stop();
    unavailable.stop();
    h.close();
  }

  record Call(String method, String path, String token, Map<String, String> headers, String body, int status) {
    static Call get(String path, String token, int status) {
      return new Call("GET", path, token, Map.of(), null, status);
    }

    static Call post(String path, String token, String contentType, String body, int status) {
      return new Call("POST", path, token, contentType == null ? Map.of() : Map.of("Content-Type", contentType), body, status);
    }

    Call with(String header, String value) {
      Map<String, String> all = new HashMap<>(headers);
      all.put(header, value);
      return new Call(method, path, token, all, body, status);
    }

    @Override
    public String toString() {
      return method + " " + (path.length() > 80 ? path.substring(0, 80) + "..." : path) + " -> " + status;
    }
  }

  static final String LATEST = "/api/v1/sources/" + S3 + "/invocations/latest-by-keys";
  static final String KEYS = "{\"object_keys\":[\"key-0\",\"key-1\",\"nothing\"]}";

  static Stream<Call> calls() {
    String longName = "d".repeat(9000);
    return Stream.of(
        Call.get("/api/v1/sources", "tok", 200),
        Call.get("/api/v1/sources?limit=3&order_by=asc", "tok", 200),
        Call.get("/api/v1/sources?source_type=s3&database_name=bucket", "tok", 200),
        Call.get("/api/v1/sources?database_name=docs", "docs-only", 200),
        Call.get("/api/v1/sources?limit=1001", "tok", 400),
        Call.get("/api/v1/sources?limit=1&limit=2", "tok", 400),
        Call.get("/api/v1/sources?cursor=garbage", "tok", 400),
        Call.get("/api/v1/sources?min_position=nope", "tok", 400),
        Call.get("/api/v1/sources", null, 401),
        Call.get("/api/v1/sources", "wrong", 401),
        Call.get("/api/v1/sources?database_name=web", "docs-only", 403),
        Call.get("/api/v1/sources?database_name=never", "tok", 404),
        Call.post("/api/v1/sources", "tok", "application/json", "{}", 405),
        Call.get("/api/v1/sources?database_name=" + longName, "tok", 414),
        Call.get("/api/v1/sources", "tok", 431).with("X-Big", "h".repeat(9000)),
        Call.get("/api/v1/sources/" + GH, "tok", 200),
        Call.get("/api/v1/sources/" + S3, "tok", 200),
        Call.get("/api/v1/sources/" + WEB, "tok", 200),
        Call.get("/api/v1/sources/" + FILE, "tok", 200),
        Call.get("/api/v1/sources/" + GH + "?min_position=x", "tok", 400),
        Call.get("/api/v1/sources/" + GH, "wrong", 401),
        Call.get("/api/v1/sources/" + WEB, "docs-only", 404),
        Call.get("/api/v1/sources/not-a-uuid", "tok", 404),
        Call.get("/api/v1/invocations", "tok", 200),
        Call.get("/api/v1/invocations?status=failed&limit=2", "tok", 200),
        Call.get("/api/v1/invocations?source_id=" + S3 + "&order_by=ASC", "tok", 200),
        Call.get("/api/v1/invocations?source_id=" + S3 + "&database_name=bucket", "tok", 400),
        Call.get("/api/v1/invocations?status=done", "tok", 400),
        Call.get("/api/v1/invocations", "", 401),
        Call.get("/api/v1/invocations?database_name=bucket", "docs-only", 403),
        Call.get("/api/v1/invocations?source_id=00000000-0000-4000-8000-00000000ffff", "tok", 404),
        Call.get("/api/v1/invocations/00000000-0000-4000-9000-000000000003", "tok", 200),
        Call.get("/api/v1/invocations/" + ORPHAN_JOB, "tok", 200),
        Call.get("/api/v1/invocations/" + ORPHAN_JOB + "?min_position=a:b:c", "tok", 400),
        Call.get("/api/v1/invocations/" + ORPHAN_JOB, null, 401),
        Call.get("/api/v1/invocations/00000000-0000-4000-9000-00000000ffff", "tok", 404),
        Call.post(LATEST, "tok", "application/json", KEYS, 200),
        Call.post(LATEST, "tok", "application/json", "{\"object_keys\":[]}", 200),
        Call.post(LATEST, "tok", "application/json", "[1]", 400),
        Call.post(LATEST.replace(S3, GH), "tok", "application/json", KEYS, 400),
        Call.post(LATEST, null, "application/json", KEYS, 401),
        Call.post(LATEST.replace(S3, WEB), "docs-only", "application/json", KEYS, 404),
        Call.get(LATEST, "tok", 405),
        Call.post(LATEST, "tok", "application/json", "{\"object_keys\":[\"" + "k".repeat(1_100_000) + "\"]}", 413),
        Call.post(LATEST, "tok", "text/plain", KEYS, 415),
        Call.get("/health", null, 200),
        Call.post("/health", null, "application/json", "{}", 405),
        Call.get("/health/live", null, 200),
        Call.get("/openapi.json", null, 200),
        Call.get("/status.json", null, 200),
        Call.post("/status.json", null, "application/json", "{}", 405));
  }

  static Stream<Call> unavailableCalls() {
    return Stream.of(
        Call.get("/health", null, 503),
        Call.get("/api/v1/sources?min_position=sync.jobs:0:5", "tok", 503),
        Call.get("/api/v1/sources/" + GH + "?min_position=sync.sources:1:0", "tok", 503),
        Call.get("/api/v1/invocations?min_position=sync.jobs:2:9", "tok", 503),
        Call.get("/api/v1/invocations/" + ORPHAN_JOB + "?min_position=sync.jobs:0:1", "tok", 503),
        Call.post(LATEST + "?min_position=sync.jobs:0:1", "tok", "application/json", KEYS, 503));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void shouldAnswerAsTheServedDocumentDeclaresWhenCalled(Call call) {
    check(call, http);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unavailableCalls")
  void shouldDeclareThe503WhenTheViewIsNotAvailable(Call call) {
    check(call, down);
  }

  @Test
  void shouldDeclareEveryRouteTheServerServes() {
    assertThat(fieldNames(doc.get("paths")))
        .containsExactlyInAnyOrder(
            "/api/v1/sources",
            "/api/v1/sources/{source_id}",
            "/api/v1/invocations",
            "/api/v1/invocations/{invocation_id}",
            "/api/v1/sources/{source_id}/invocations/latest-by-keys",
            "/health",
            "/health/live",
            "/metrics",
            "/openapi.json",
            "/status",
            "/status.json");
    assertThat(doc.at("/openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.at("/paths/~1api~1v1~1sources/get/operationId").asText()).isEqualTo("list_sources");
  }

  @Test
  void shouldResolveEveryReferenceInTheDocument() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void shouldServeABrowsablePageWhoseAssetsLoad() {
    HttpResponse<String> page = http.get("/docs", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    var assets = Pattern.compile("(?:src|href)=\"(/docs/ui/[^\"]+)\"").matcher(page.body());
    int count = 0;
    while (assets.find()) {
      HttpResponse<String> asset = http.get(assets.group(1), null);
      assertThat(asset.statusCode()).as(assets.group(1)).isEqualTo(200);
      assertThat(asset.body()).isNotEmpty();
      count++;
    }
    assertThat(count).isEqualTo(4);
    assertThat(http.get("/docs/ui/docs.js", null).body()).contains("/openapi.json");
    assertThat(http.get("/docs/ui/index.html", null).statusCode()).isEqualTo(404);
  }

  private void check(Call call, HttpClientSupport client) {
    Map<String, String> headers = new HashMap<>(call.headers());
    if (call.token() != null) {
      headers.put("x-chroma-token", call.token());
    }
    HttpResponse<String> r = client.send(call.method(), call.path(), headers, call.body());
    assertThat(r.statusCode()).as("status of %s, body %s", call, r.body()).isEqualTo(call.status());
    JsonNode declared = responseFor(call.method(), call.path(), r.statusCode());
    for (String name : fieldNames(declared.path("headers"))) {
      JsonNode header = resolve(declared.get("headers").get(name));
      if (header.path("required").asBoolean()) {
        assertThat(r.headers().firstValue(name)).as("header %s on %s", name, call).isPresent();
      }
    }
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode schema = declared.at("/content/application~1json/schema");
    List<Error> errors = schemaFor(schema).validate(
        r.body(), InputFormat.JSON, (ctx, sc) -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
    assertThat(errors).as("%s answered %s", call, r.body()).isEmpty();
  }

  private JsonNode responseFor(String method, String path, int status) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    JsonNode operation = null;
    for (String template : fieldNames(doc.get("paths"))) {
      String regex = template.replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\.");
      if (bare.matches(regex)) {
        JsonNode item = doc.get("paths").get(template);
        operation = item.get(method.toLowerCase());
        if (operation == null) {
          // a wrong method is declared on one of the path's operations
          operation = item.elements().next();
        }
      }
    }
    assertThat(operation).as("a path of the document matches %s", bare).isNotNull();
    JsonNode response = operation.path("responses").get(Integer.toString(status));
    assertThat(response).as("%s %s declares status %d", method, bare, status).isNotNull();
    return resolve(response);
  }

  private JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? doc.at(node.get("$ref").asText().substring(1)) : node;
  }

  private Schema schemaFor(JsonNode schema) {
    ObjectNode root = Json.object();
    root.setAll((ObjectNode) schema.deepCopy());
    root.set("$defs", doc.at("/components/schemas").deepCopy());
    String text = Json.write(root).replace("#/components/schemas/", "#/$defs/");
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(text, InputFormat.JSON);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.elements().forEachRemaining(child -> collectRefs(child, refs));
  }
}
