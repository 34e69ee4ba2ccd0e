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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** list_sources over real HTTP: every parameter rule and error of api.md. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListSourcesHttpTest {
  static final String SRC = "0b6b1f8e-2c55-4a8e-9a7e-3f3c2b1d4e5f";
  static final String JOB = "7d0c6d58-5f0e-4b7a-9a51-0d1f1b2f6e10";

  ProjectionHarness h;
  Javalin app;
  HttpClientSupport http;

  @BeforeAll
  void start() {
    h = new ProjectionHarness();
    h.key(Events.apiKey("k1", "acme", "tok", null));
    h.key(Events.apiKey("k2", "acme", "scoped", List.of("docs")));
    h.key(Events.apiKey("k3", "acme", "revoked", null));
    h.key(Events.apiKey("k3", "acme", "revoked", null).version(2).set("revoked", true));
    h.source(Events.githubSource(SRC, "acme", "docs"));
    h.source(Events.webSource("1c7c2f9f-3d66-4b9f-8b8f-4f4d3c2e5f60", "acme", "web"));
    h.job(Events.job(JOB, "acme", SRC));
    app = TestServers.start(h.api());
    http = new HttpClientSupport(app.port());
  }

  @AfterAll
  void stop() {
    app.stop();
    h.close();
  }

  static void assertError(HttpResponse<String> r, int status, String error) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode body = Json.parse(r.body());
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("message").isTextual()).isTrue();
  }

  @Test
  void shouldListTheTenantsJobsAsAJsonArray() {
    HttpResponse<String> r = http.get("/api/v1/sources", "tok");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode body = Json.parse(r.body());
    assertThat(body.isArray()).isTrue();
    assertThat(body.get(0).get("id").asText()).isEqualTo(JOB);
  }

  @Test
  void shouldAnswerHeadLikeGetWithoutBody() {
    HttpResponse<String> get = http.get("/api/v1/sources", "tok");
    HttpResponse<String> head = http.send("HEAD", "/api/v1/sources", "tok", null);

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length"))
        .hasValue(Integer.toString(get.body().length()));
  }

  @ParameterizedTest(name = "token {0}")
  @ValueSource(strings = {"none", "", "unknown", "revoked"})
  void shouldAnswerUnauthorizedWithoutAValidToken(String token) {
    String t = token.equals("none") ? null : token;
    assertError(http.get("/api/v1/sources", t), 401, "Unauthorized");
  }

  @Test
  void shouldAnswerUnauthorizedWhenTheTokenIsSentTwice() {
    String raw =
        http.raw(
            "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nx-chroma-token: tok\r\nx-chroma-token: tok\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 401");
  }

  @Test
  void shouldCheckTheTokenBeforeTheParameters() {
    assertError(http.get("/api/v1/sources?limit=-1", null), 401, "Unauthorized");
  }

  @ParameterizedTest(name = "?{0} -> 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "limit=-1|limit",
        "limit=1001|limit",
        "limit=+5|limit",
        "limit=1.0|limit",
        "limit=1e2|limit",
        "limit=0x10|limit",
        "limit=%201|limit",
        "limit=|limit",
        "limit|limit",
        "limit=1&limit=1|limit",
        "offset=-1|offset",
        "offset=abc|offset",
        "order_by=up|order_by",
        "order_by=ASC%20|order_by",
        "source_type=GitHub|source_type",
        "source_type=file_upload|source_type",
        "source_type=Unknown|source_type",
        "database_name=|database_name",
        "order_by=up&limit=5000|limit",
        "offset=x&source_type=y&database_name=|database_name",
        "limit=abc&source_type=nope|source_type",
      })
  void shouldRejectABadParameterNamingTheFirstOne(String query, String named) {
    HttpResponse<String> r = http.get("/api/v1/sources?" + query, "tok");

    assertError(r, 400, "BadRequest");
    assertThat(Json.parse(r.body()).get("message").asText()).contains(named);
  }

  @Test
  void shouldRejectADatabaseNameOfMoreThan256CodePoints() {
    HttpResponse<String> r = http.get("/api/v1/sources?database_name=" + "%C3%A9".repeat(257), "tok");
    assertError(r, 400, "BadRequest");
    HttpResponse<String> ok = http.get("/api/v1/sources?database_name=" + "%C3%A9".repeat(256), "tok");
    assertError(ok, 404, "NotFound");
  }

  @ParameterizedTest(name = "?{0}")
  @ValueSource(
      strings = {
        "x=%zz",
        "limit=%C3%28",
        "foo=%",
        "a=%2",
        "database_name=caf%E9",
        "limit=%\u0663\u0662",
        "foo=\u00ff&limit=1"
      })
  void shouldRejectAQueryStringThatCannotBeDecoded(String query) {
    // non-ASCII characters go out as their UTF-8 bytes, except U+00FF which goes out as the single
    // byte 0xFF: not UTF-8 at all
    String line = "GET /api/v1/sources?" + query + " HTTP/1.1\r\nHost: x\r\nx-chroma-token: tok\r\n\r\n";
    String raw =
        query.contains("\u00ff")
            ? http.raw(line)
            : http.raw(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    assertThat(raw).startsWith("HTTP/1.1 400");
    assertThat(raw).contains("Content-Type: application/json; charset=utf-8");
    assertThat(raw).contains("\"error\":\"BadRequest\"");
  }

  @ParameterizedTest(name = "?{0}")
  @ValueSource(
      strings = {
        "limit=0010",
        "offset=000",
        "order_by=asc",
        "order_by=dEsC",
        "unknown=1&unknown=2",
        "unknown",
        "offset=1000000000000000000000000000000",
        "limit=1000",
        "limit=0"
      })
  void shouldAcceptValidAndUnknownParameters(String query) {
    assertThat(http.get("/api/v1/sources?" + query, "tok").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldReturnAnEmptyArrayForLimitZeroAndOffsetPastTheEnd() {
    assertThat(http.get("/api/v1/sources?limit=0", "tok").body()).isEqualTo("[]");
    assertThat(http.get("/api/v1/sources?offset=1000000000000000000000000000000", "tok").body())
        .isEqualTo("[]");
  }

  @Test
  void shouldDecodePlusAsSpaceInADatabaseName() {
    assertError(http.get("/api/v1/sources?database_name=my+db", "tok"), 404, "NotFound");
  }

  @Test
  void shouldForbidAScopedKeyOutsideItsScopeBeforeCheckingExistence() {
    assertError(http.get("/api/v1/sources?database_name=web", "scoped"), 403, "Forbidden");
    assertError(http.get("/api/v1/sources?database_name=nowhere", "scoped"), 403, "Forbidden");
    assertError(http.get("/api/v1/sources?database_name=nowhere&limit=0", "scoped"), 403, "Forbidden");
    assertThat(http.get("/api/v1/sources?database_name=docs", "scoped").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldCheckParametersBeforeScope() {
    assertError(http.get("/api/v1/sources?database_name=web&limit=x", "scoped"), 400, "BadRequest");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "database_name=nowhere, 404",
    "database_name=nowhere&limit=0, 404",
    "database_name=nowhere&offset=5000, 404",
    "database_name=nowhere&offset=300, 404",
    "database_name=nowhere&source_type=s3&order_by=asc, 404",
    "database_name=docs&limit=0, 200",
    "database_name=docs&offset=5000, 200",
    "database_name=web&offset=300, 200",
  })
  void shouldAnswerNotFoundForAnUnknownDatabaseWhateverThePage(String query, int status) {
    // Given a tenant with the databases docs and web; When a page of some database is asked for
    HttpResponse<String> r = http.get("/api/v1/sources?" + query, "tok");
    // Then an unknown one is 404 on every path to a page, and a known one's empty page is []
    if (status == 404) {
      assertError(r, 404, "NotFound");
    } else {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("[]");
    }
  }

  @Test
  void shouldAnswerNotFoundAsErrorResponseForAnUnknownPath() {
    assertError(http.get("/api/v1/nope", null), 404, "NotFound");
    assertError(http.get("/", null), 404, "NotFound");
  }

  @Test
  void shouldAnswerMethodNotAllowedWithAllowForAWrongMethod() {
    HttpResponse<String> r = http.send("DELETE", "/api/v1/sources", (String) null, null);

    assertError(r, 405, "MethodNotAllowed");
    assertThat(r.headers().firstValue("Allow").orElseThrow()).contains("GET");
  }

  @Test
  void shouldAnswerUriTooLongAsErrorResponse() {
    String raw = http.raw("GET /api/v1/sources?x=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 414");
    assertThat(raw).contains("\"error\":\"UriTooLong\"");
  }

  @Test
  void shouldAnswerHeadersTooLargeAsErrorResponse() {
    String raw =
        http.raw("GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nx-big: " + "a".repeat(10_000) + "\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 431");
    assertThat(raw).contains("\"error\":\"HeadersTooLarge\"");
  }

  @Test
  void shouldAnswerABadPathEncodingAsErrorResponse() {
    String raw = http.raw("GET /api/v1/sources/%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 400");
    assertThat(raw).contains("\"error\":\"BadRequest\"");
  }

  @Test
  void shouldAnswerUnavailableWithRetryAfterWhenTheViewIsNotReady() {
    Javalin starting =
        TestServers.start(
                dev.syncview.query.ViewReader.of(
                    new dev.syncview.query.ViewStores() {
                      public org.apache.kafka.streams.state.ReadOnlyKeyValueStore<
                              org.apache.kafka.common.utils.Bytes, byte[]>
                          view(String tenant) {
                        throw new org.apache.kafka.streams.errors.InvalidStateStoreException("restoring");
                      }

                      public org.apache.kafka.streams.state.ReadOnlyKeyValueStore<
                              org.apache.kafka.common.utils.Bytes, byte[]>
                          auth() {
                        return h.stores().auth();
                      }
                    }),
                TestServers.status(false));
    try {
      HttpClientSupport c = new HttpClientSupport(starting.port());
      HttpResponse<String> r = c.get("/api/v1/sources", "tok");
      assertError(r, 503, "Unavailable");
      assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
      assertError(c.get("/health", null), 503, "Unavailable");
    } finally {
      starting.stop();
    }
  }

  @Test
  void shouldIgnoreMethodOverrideHeaders() {
    Map<String, String> overridden = Map.of("x-chroma-token", "tok", "X-HTTP-Method-Override", "DELETE");
    assertThat(http.send("GET", "/api/v1/sources", overridden, null).statusCode()).isEqualTo(200);
    assertError(http.send("GET", "/nope", overridden, null), 404, "NotFound");
    assertError(
        http.send("GET", "/api/v1/sources", Map.of("X-HTTP-Method-Override", "GET"), null),
        401,
        "Unauthorized");
    assertError(
        http.send("DELETE", "/api/v1/sources", Map.of("X-HTTP-Method-Override", "GET"), null),
        405,
        "MethodNotAllowed");
  }

  @Test
  void shouldNotTreatATrailingSlashAsTheSameRoute() {
    assertError(http.get("/api/v1/sources/?limit=0", "tok"), 404, "NotFound");
  }
}
