package dev.syncview.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.testing.Events;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import dev.syncview.testing.TestServers;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Thousands of generated hostile requests against one real server with data: random and boundary
 * query strings on every route, odd methods, paths and headers, malformed, huge and deeply nested
 * bodies, bad request lines and framing, all sent as raw bytes. Every answer must be a 200 or a
 * 4xx ErrorResponse ({@code {"error","message"}}, {@code application/json; charset=utf-8},
 * {@code X-Request-Id}), never a 5xx, never silence; nothing may be logged at ERROR; and a normal
 * request must work afterwards.
 *
 * <p>The random cases come from one seeded {@link Random}: the seed is printed, and {@code
 * -Dfuzz.seed=<seed>} replays a run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFuzzTest {
  static final String GH = FuzzInputs.GH;
  static final String S3 = "00000000-0000-4000-8000-0000000000e2";
  static final String WEB = "00000000-0000-4000-8000-0000000000e3";
  static final String FILE = "00000000-0000-4000-8000-0000000000e4";
  static final String FOREIGN = FuzzInputs.FOREIGN;
  static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  static final int QUERY_CASES = 1500;
  static final int REQUEST_CASES = 1000;
  static final int BODY_CASES = 400;

  ProjectionHarness h;
  Javalin app;
  RawHttp raw;
  HttpClientSupport http;
  LogCapture logs;
  Random rnd;
  FuzzInputs in;
  /** One example per kind of wrong answer, so a run reports every distinct defect at once. */
  final Map<String, String> problems = new LinkedHashMap<>();
  int sent;
  int unreadHeadLines;

  @BeforeAll
  void start() {
    System.out.println("HttpFuzzTest seed: " + SEED + " (replay with -Dfuzz.seed=" + SEED + ")");
    logs = new LogCapture();
    h = new ProjectionHarness();
    h.key(Events.apiKey("k", "acme", "tok", null));
    h.key(Events.apiKey("s", "acme", "scoped", List.of("docs")));
    h.key(Events.apiKey("o", "globex", "other-tok", null));
    h.source(Events.githubSource(GH, "acme", "docs"));
    h.source(Events.s3Source(S3, "acme", "bucket"));
    h.source(Events.webSource(WEB, "acme", "web"));
    h.source(Events.fileUploadSource(FILE, "acme", "files"));
    h.source(Events.githubSource(FOREIGN, "globex", "docs"));
    String[] sources = {GH, S3, WEB, FILE, FOREIGN};
    for (int i = 0; i < 25; i++) {
      String src = sources[i % sources.length];
      h.job(Events.job(job(i), src.equals(FOREIGN) ? "globex" : "acme", src)
          .createdAt(String.format("2026-11-%02dT10:00:00Z", 1 + i))
          .set("object_key", "key-" + (i % 3)));
    }
    app = TestServers.start(h.api());
    raw = new RawHttp(app.port());
    http = new HttpClientSupport(app.port());
  }

  @AfterAll
  void stop() {
    app.stop();
    h.close();
    logs.close();
  }

  @BeforeEach
  void fresh() {
    rnd = new Random(SEED);
    in = new FuzzInputs(rnd);
    problems.clear();
    sent = 0;
    unreadHeadLines = 0;
    logs.clear();
  }

  /** After every test: a normal request still works, and nothing was logged at ERROR. */
  @AfterEach
  void stillServingAndNothingLoggedAtError() {
    assertNormalRequestWorks();
    assertThat(logs.atLeast(Level.ERROR)).as("ERROR log events (seed %s)", SEED).isEmpty();
  }

  static String job(int i) {
    return String.format("00000000-0000-4000-9000-%012d", i);
  }

  void assertNormalRequestWorks() {
    HttpResponse<String> r = http.get("/api/v1/sources?limit=2", "tok");
    assertThat(r.statusCode()).as("a normal request after the fuzzing (seed %s)", SEED).isEqualTo(200);
    assertThat(Json.parse(r.body()).size()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- generators

  // ---------------------------------------------------------------- checks

  /**
   * The rules every answer must follow; a broken rule is recorded (one example per kind) rather
   * than thrown, so that one run lists every distinct defect.
   */
  void check(String method, String target, String request, RawHttp.Answer a) {
    sent++;
    String route = routeOf(target);
    String problem = problem(method, route, a);
    if (problem != null && unreadRequestLine(method, a)) {
      unreadHeadLines++;
      problem = null;
    }
    if (problem != null) {
      String kind = method.length() > 12 ? method.substring(0, 12) : method;
      problems.putIfAbsent(
          kind + " " + route + " -> " + a.status() + ": " + problem,
          "request: " + shorten(request) + "\n  answer: " + shorten(a.raw()));
    }
    if (sent % 250 == 0) {
      assertNormalRequestWorks();
    }
  }

  /**
   * A request starting with HEAD whose request line Jetty could not read (a bad path, a target over
   * 8 KiB) has no known method: its ErrorResponse body is the documented answer, and the connection
   * closes after it (shouldAnswerAnErrorResponseAndCloseWhenJettyCannotReadTheRequestLineWhateverItsMethod).
   */
  static boolean unreadRequestLine(String method, RawHttp.Answer a) {
    return method.equals("HEAD")
        && (a.status() == 400 || a.status() == 414)
        && a.header("X-View-Lag-Records") == null
        && Answers.errorShapeProblem(a.text()) == null
        && Answers.JSON_TYPE.equals(a.header("Content-Type"));
  }

  static String shorten(String s) {
    String t = s.replace("\r\n", "\\r\\n ");
    return t.length() > 400 ? t.substring(0, 400) + "...(" + s.length() + " chars)" : t;
  }

  /** A coarse name of the route a target aims at, to group problems. */
  static String routeOf(String target) {
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    if (path.length() > 60) {
      path = path.substring(0, 60) + "...";
    }
    if (path.startsWith("/api/v1/sources/") && path.endsWith("latest-by-keys")) {
      return "latest-by-keys";
    }
    if (path.startsWith("/api/v1/sources/")) {
      return "/api/v1/sources/{id}";
    }
    if (path.startsWith("/api/v1/invocations/")) {
      return "/api/v1/invocations/{id}";
    }
    return path;
  }

  static String problem(String method, String route, RawHttp.Answer a) {
    if (a.status() < 0) {
      return "no HTTP answer at all";
    }
    if (a.status() >= 500) {
      return "a 5xx";
    }
    if (a.status() != 200 && (a.status() < 400 || a.status() >= 500)) {
      return "neither 200 nor 4xx";
    }
    if (a.header("X-Request-Id") == null) {
      return "no X-Request-Id";
    }
    boolean head = method.equals("HEAD");
    // the HTML pages and their files (the status page's model, /status.json, is JSON like the API)
    boolean docs = route.startsWith("/docs") || route.equals("/status") || route.startsWith("/status/");
    if (a.status() == 200) {
      if (docs) {
        return null;
      }
      if (!Answers.JSON_TYPE.equals(a.header("Content-Type"))) {
        return "200 with Content-Type " + a.header("Content-Type");
      }
      if (!head) {
        try {
          Json.MAPPER.readTree(a.body());
        } catch (Exception e) {
          return "200 with a body that is not JSON";
        }
      }
      return null;
    }
    if (!Answers.JSON_TYPE.equals(a.header("Content-Type"))) {
      return "error with Content-Type " + a.header("Content-Type");
    }
    if (head) {
      return a.body().length == 0 ? null : "HEAD answer with a body";
    }
    String shape = Answers.errorShapeProblem(a.text());
    if (shape != null) {
      return "error body is no ErrorResponse (" + shape + ")";
    }
    String word = Answers.word(a.status());
    String error = Json.parse(a.text()).get("error").asText();
    if (word != null && !word.equals(error)) {
      return "error word " + error + " for status " + a.status();
    }
    if (a.status() == 405 && a.header("Allow") == null) {
      return "405 without Allow";
    }
    return null;
  }

  void assertNoProblems() {
    if (unreadHeadLines > 0) {
      System.out.println("HEAD requests whose request line could not be read (answered with a body): " + unreadHeadLines);
    }
    StringBuilder report = new StringBuilder();
    problems.forEach((k, v) -> report.append("\n* ").append(k).append("\n  ").append(v));
    assertThat(problems)
        .as("distinct wrong answers among %s requests (seed %s):%s", sent, SEED, report)
        .isEmpty();
  }

  RawHttp.Answer send(String method, String target, Map<String, String> headers, String body) {
    String request = FuzzInputs.request(method, target, headers, body);
    RawHttp.Answer a = raw.send(request);
    check(method, target, request, a);
    return a;
  }

  // ---------------------------------------------------------------- tests

  @Test
  void shouldAnswer200OrA4xxErrorResponseWhenQueryStringsAreRandomAndHostile() {
    // Given every route, with valid and invalid tokens
    String[] paths = {
      "/api/v1/sources", "/api/v1/invocations", "/api/v1/sources/" + GH, "/api/v1/sources/" + S3,
      "/api/v1/invocations/" + job(1), "/health", "/openapi.json"
    };

    // When thousands of random query strings arrive on them (and on latest-by-keys)
    for (int i = 0; i < QUERY_CASES; i++) {
      String q = in.query();
      if (rnd.nextInt(8) == 0) {
        Map<String, String> hd = FuzzInputs.headers(in.token());
        hd.put("Content-Type", "application/json");
        send("POST", "/api/v1/sources/" + S3 + "/invocations/latest-by-keys?" + q, hd,
            "{\"object_keys\":[\"key-1\"]}");
      } else {
        String method = rnd.nextInt(10) == 0 ? "HEAD" : "GET";
        send(method, in.pick(paths) + "?" + q, FuzzInputs.headers(in.token()), null);
      }
    }

    // Then every answer was a 200 or a 4xx ErrorResponse
    assertNoProblems();
  }

  @Test
  void shouldAnswerBoundaryQueryValuesWithTheirDocumentedStatusWhenSentOneByOne() {
    // Given one listing and each documented boundary
    Map<String, Integer> cases = new LinkedHashMap<>();
    cases.put("limit=1000", 200);
    cases.put("limit=0000000000000000000001000", 200);
    cases.put("limit=1001", 400);
    cases.put("limit=" + "9".repeat(4000), 400);
    cases.put("offset=" + "9".repeat(4000), 200);
    cases.put("offset=18446744073709551616&limit=1000", 200);
    cases.put("limit=%2B1", 400);
    cases.put("limit=1&limit=1", 400);
    cases.put("limit", 400);
    cases.put("x=%C3%28", 400);
    cases.put("x=%FF", 400);
    cases.put("x=%C0%AF", 400);
    cases.put("x=%ED%A0%80", 400);
    cases.put("x=%00", 200);
    cases.put("x=%zz", 400);
    cases.put("x=%", 400);
    cases.put("x=\u00e9", 400); // a raw byte 0xE9: not UTF-8
    cases.put("database_name=" + "%C3%A9".repeat(256), 404);
    cases.put("database_name=" + "%C3%A9".repeat(257), 400);
    cases.put("database_name=docs+", 404);
    cases.put("order_by=a%C5%BFc", 400);
    cases.put("x=1&x=2&x=3&y", 200);

    // When each is sent; Then the status is the documented one, with an ErrorResponse when 4xx
    for (Map.Entry<String, Integer> c : cases.entrySet()) {
      RawHttp.Answer a = send("GET", "/api/v1/sources?" + c.getKey(), FuzzInputs.headers("tok"), null);
      assertThat(a.status()).as("?%s -> %s", shorten(c.getKey()), a).isEqualTo(c.getValue());
    }
    assertNoProblems();
  }

  static final String[] METHODS = {
    "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "get",
    "FOO", "PROPFIND", "M".repeat(300), "G\u00c9T", "PRI"
  };

  String path() {
    String[] ids = {GH, S3, FOREIGN, job(2), GH.toUpperCase(Locale.ROOT), "not-a-uuid", "%00", "%ED%A0%80",
      "%C0%AF", "%C3%28", "%FF", "..", "%2e%2e", "%2F", "a".repeat(3000), "a".repeat(9000), "", " ", "%20",
      GH + ";x=1", GH + "/", "*", "%25", "\u00e9"};
    return switch (rnd.nextInt(16)) {
      case 0 -> "/api/v1/sources/" + in.pick(ids);
      case 1 -> "/api/v1/invocations/" + in.pick(ids);
      case 2 -> "/api/v1/sources/" + in.pick(ids) + "/invocations/latest-by-keys";
      case 3 -> in.pick(new String[] {"/", "*", "//api/v1/sources", "/api/v1/./sources", "/api/v1/../v1/sources",
        "/api/v1/sources/", "/api/v1/SOURCES", "/api/v1/sources;jsessionid=1", "/api/v1/sources%2F" + GH,
        "/api/v1/%2e%2e/v1/sources", "/api/v1/sources#frag", "http://localhost/api/v1/sources",
        "http://evil.example/api/v1/sources", "/docs/ui/../../logback.xml", "/docs/ui/%2e%2e%2fopenapi.json",
        "/docs/ui/nope.js", "/docs", "/docs/", "/openapi.json", "/health", "/health/", "/api", "/api/v1",
        "/status", "/status/", "/status.json", "/status/ui/../../logback.xml", "/status/ui/%2e%2e%2fopenapi.json",
        "/status/ui/status.js", "/status/ui/nope.js",
        "/api/v2/sources", "/\u00e9", "/%C3%28", "/%00", "/" + "p".repeat(9000), "/api/v1/sources?" + "q".repeat(9000)});
      case 4 -> "/api/v1/invocations";
      default -> "/api/v1/sources";
    };
  }

  String header() {
    return switch (rnd.nextInt(24)) {
      case 0 -> "X-HTTP-Method-Override: DELETE";
      case 1 -> "Accept: text/html";
      case 2 -> "Accept: application/xml";
      case 3 -> "Accept-Encoding: gzip, br";
      case 4 -> "Range: bytes=0-1";
      case 5 -> "If-None-Match: *";
      case 6 -> "Origin: http://evil.example";
      case 7 -> "x-chroma-token: tok";
      case 8 -> "x-chroma-token: \u00ff\u00fe";
      case 9 -> "x-chroma-token: " + "t".repeat(9000);
      case 10 -> "X-Big: " + "b".repeat(9000);
      case 11 -> "Expect: 100-continue";
      case 12 -> "Content-Type: text/html";
      case 13 -> "Cookie: a=b";
      case 14 -> "X-Forwarded-For: 1.2.3.4";
      case 15 -> "Upgrade: h2c";
      case 16 -> "Content-Encoding: gzip";
      case 17 -> "Authorization: Bearer x";
      case 18 -> "X-Empty:";
      case 19 -> "x-chroma-token:";
      default -> "X-Some: " + rnd.nextInt();
    };
  }

  @Test
  void shouldAnswer200OrA4xxErrorResponseWhenMethodsPathsAndHeadersAreRandom() {
    // Given random methods, paths (encodings, traversal, huge) and headers (duplicates, huge)
    for (int i = 0; i < REQUEST_CASES; i++) {
      String method = in.pick(METHODS);
      String target = path();
      StringBuilder extra = new StringBuilder();
      int headerCount = rnd.nextInt(30) == 0 ? 150 + rnd.nextInt(200) : rnd.nextInt(4);
      for (int k = 0; k < headerCount; k++) {
        extra.append(header()).append("\r\n");
      }
      String body = null;
      if (!method.equals("GET") && !method.equals("HEAD") && rnd.nextBoolean()) {
        body = rnd.nextBoolean() ? "{\"object_keys\":[\"key-1\"]}" : "garbage";
        extra.append("Content-Type: application/json\r\n");
      }
      Map<String, String> hd = FuzzInputs.headers(in.token());
      String request = FuzzInputs.request(method, target, hd, body).replaceFirst("\r\n", "\r\n" + extra);

      // When it is sent as raw bytes
      RawHttp.Answer a = raw.send(request);

      // Then it gets a 200 or a 4xx ErrorResponse (checked for all at the end)
      check(method, target, request, a);
    }
    assertNoProblems();
  }

  /** Hostile bodies for latest-by-keys, each with the Content-Type it is sent with. */
  List<String[]> hostileBodies() {
    List<String[]> b = new ArrayList<>();
    String json = "application/json";
    b.add(new String[] {json, "[".repeat(100_000)});
    b.add(new String[] {json, "[".repeat(100_000) + "]".repeat(100_000)});
    b.add(new String[] {json, "{\"object_keys\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}"});
    b.add(new String[] {json, "{\"x\":" + "[".repeat(50_000) + "]".repeat(50_000) + ",\"object_keys\":[]}"});
    b.add(new String[] {json, "{\"x\":" + "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000) + ",\"object_keys\":[]}"});
    b.add(new String[] {json, manyLongKeys(1000, 1160)}); // 1.1 MiB
    b.add(new String[] {json, manyLongKeys(1000, 1040)}); // just under 1 MiB
    b.add(new String[] {json, "{\"object_keys\":[\"" + "a".repeat(65_535) + "\"]}"}); // longest key that works
    b.add(new String[] {json, "{\"object_keys\":[],\"object_keys\":[]}"});
    b.add(new String[] {json, "{\"object_keys\":[\"key-1\"],\"object_keys\":[\"key-2\"]}"});
    b.add(new String[] {json, "{\"object_keys\":[1e999999]}"});
    b.add(new String[] {json, "{\"x\":1e999999,\"object_keys\":[]}"});
    b.add(new String[] {json, "{\"x\":" + "9".repeat(200_000) + ",\"object_keys\":[]}"});
    b.add(new String[] {json, "{\"x\":-0.0e-999999,\"object_keys\":[\"key-1\"]}"});
    b.add(new String[] {json, "{\"object_keys\":[\"\u00c3\u0028\"]}"}); // raw invalid UTF-8 bytes
    b.add(new String[] {json, "{\"object_keys\":[\"\u00c0\u00af\"]}"}); // overlong encoding
    b.add(new String[] {json, "{\"object_keys\":[\"\u00ed\u00a0\u0080\"]}"}); // raw surrogate bytes
    b.add(new String[] {json, "{\"object_keys\":[\"\\ud800\"]}"});
    b.add(new String[] {json, "{\"object_keys\":[\"\\udc00\\ud800\",\"key-1\"]}"});
    b.add(new String[] {json, "{\"object_keys\":[\"\\u0000\",\"a\u0000b\"]}"});
    b.add(new String[] {json, "\u00ef\u00bb\u00bf{\"object_keys\":[\"key-1\"]}"}); // BOM
    b.add(new String[] {json, "{\"object_keys\":null}"});
    b.add(new String[] {json, "{\"object_keys\":[null]}"});
    b.add(new String[] {json, "{\"object_keys\":[[]]}"});
    b.add(new String[] {json, "{\"object_keys\":{}}"});
    b.add(new String[] {json, "null"});
    b.add(new String[] {json, "[]"});
    b.add(new String[] {json, "\"object_keys\""});
    b.add(new String[] {json, ""});
    b.add(new String[] {json, " "});
    b.add(new String[] {json, "{\"object_keys\":[]} x"});
    b.add(new String[] {json, "{\"object_keys\":[]}{}"});
    b.add(new String[] {json, "{'object_keys':['key-1']}"});
    b.add(new String[] {json, "{object_keys:[]}"});
    b.add(new String[] {json, "/*c*/{\"object_keys\":[]}"});
    b.add(new String[] {json, "{\"object_keys\":[NaN]}"});
    b.add(new String[] {json, "{\"" + "n".repeat(200_000) + "\":1,\"object_keys\":[]}"});
    StringBuilder many = new StringBuilder("{\"object_keys\":[");
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ",").append("\"k").append(i).append('"');
    }
    b.add(new String[] {json, many.append("]}").toString()});
    b.add(new String[] {json, "{\"object_keys\":[" + "\"key-1\",".repeat(999) + "\"key-2\"]}"});
    for (String type : new String[] {"text/plain", "", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x", "application/json; charset=latin1", "APPLICATION/JSON",
      "application/jsonx", "application/json;;;", "\u00ff", "application/json, text/plain"}) {
      b.add(new String[] {type, "{\"object_keys\":[\"key-1\"]}"});
    }
    b.add(new String[] {null, "{\"object_keys\":[\"key-1\"]}"});
    return b;
  }

  /**
   * {@code {"object_keys": [...]}} with {@code count} keys of {@code length} characters: big
   * bodies without any one key over 64 KiB (that is a known defect, pinned on its own).
   */
  static String manyLongKeys(int count, int length) {
    StringBuilder b = new StringBuilder("{\"object_keys\":[");
    for (int i = 0; i < count; i++) {
      String prefix = (i == 0 ? "" : ",") + "\"" + i + "-";
      b.append(prefix).append("k".repeat(length - prefix.length() + 1)).append('"');
    }
    return b.append("]}").toString();
  }

  @Test
  void shouldAnswerA200OrA4xxErrorResponseWhenLatestByKeysBodiesAreMalformedHugeOrDeep() {
    // Given hostile bodies (deep, huge, duplicate keys, bad bytes, odd numbers, wrong types)
    List<String[]> bodies = hostileBodies();

    // When each is posted with every token kind
    for (String[] body : bodies) {
      for (String token : new String[] {"tok", "scoped", null}) {
        Map<String, String> hd = FuzzInputs.headers(token);
        if (body[0] != null) {
          hd.put("Content-Type", body[0]);
        }
        send("POST", "/api/v1/sources/" + S3 + "/invocations/latest-by-keys", hd, body[1]);
      }
    }
    // and random truncations and byte flips of a valid body
    String valid = "{\"object_keys\":[\"key-1\",\"key-2\",\"\\u00e9\",\"x\\\"y\"],\"other\":{\"a\":[1,2.5e3,true,null]}}";
    for (int i = 0; i < BODY_CASES; i++) {
      char[] c = valid.toCharArray();
      String mutated;
      if (rnd.nextBoolean()) {
        mutated = valid.substring(0, rnd.nextInt(valid.length()));
      } else {
        for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
          c[rnd.nextInt(c.length)] = (char) rnd.nextInt(256);
        }
        mutated = new String(c);
      }
      Map<String, String> hd = FuzzInputs.headers("tok");
      hd.put("Content-Type", "application/json");
      send("POST", "/api/v1/sources/" + S3 + "/invocations/latest-by-keys", hd, mutated);
    }

    // Then every answer was a 200 or a 4xx ErrorResponse
    assertNoProblems();
  }

  @Test
  void shouldAnswerTheDocumentedStatusWhenABodyIsTooLargeDuplicatedOrNotJson() {
    // Given a few bodies whose status api.md / docs/http.md fix
    Object[][] cases = {
      {"application/json", manyLongKeys(1000, 1160), 413},
      {"application/json", manyLongKeys(1000, 1040), 200},
      {"application/json", manyLongKeys(1001, 10), 400},
      {"application/json", "{\"object_keys\":[],\"object_keys\":[]}", 400},
      {"application/json", "[".repeat(100_000), 400},
      {"application/json", "{\"object_keys\":[1e999999]}", 400},
      {"application/json", "{\"object_keys\":[\"\u00c3\u0028\"]}", 400},
      {"text/plain", "{\"object_keys\":[]}", 415},
    };
    for (Object[] c : cases) {
      Map<String, String> hd = FuzzInputs.headers("tok");
      hd.put("Content-Type", (String) c[0]);

      // When it is posted
      RawHttp.Answer a = send("POST", "/api/v1/sources/" + S3 + "/invocations/latest-by-keys", hd, (String) c[1]);

      // Then the status is the documented one
      assertThat(a.status()).as("%s -> %s", shorten((String) c[1]), a).isEqualTo((int) c[2]);
    }
    assertNoProblems();
  }

  @Test
  void shouldAnswerA4xxErrorResponseWhenRequestLinesOrFramingAreMalformed() {
    // Given raw requests that are not proper HTTP/1.1
    String valid = "{\"object_keys\":[\"key-1\"]}";
    String post = "POST /api/v1/sources/" + S3 + "/invocations/latest-by-keys HTTP/1.1\r\nHost: x\r\n"
        + "x-chroma-token: tok\r\nContent-Type: application/json\r\n";
    List<String> requests = new ArrayList<>(List.of(
        "GARBAGE\r\n\r\n",
        "GET\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\n\r\n", // no Host
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nX-A: a\r\n folded\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\nHost: x\nx-chroma-token: tok\n\n",
        "GET  /api/v1/sources  HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/sources?a=b c HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/sources?a=\u0000 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/sources?a=\u0001\u007f HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/sources/\u00ff HTTP/1.1\r\nHost: x\r\nx-chroma-token: tok\r\n\r\n",
        "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/sources/%2e%2e/x HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET api/v1/sources HTTP/1.1\r\nHost: x\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
        "CONNECT localhost:80 HTTP/1.1\r\nHost: x\r\n\r\n",
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003",
        "GET /api/v1/sources HTTP/1.0\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nx-chroma-token: tok\r\nx-chroma-token: tok\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nx-chroma-token: tok, tok\r\n\r\n",
        "GET /api/v1/sources?" + "a=1&".repeat(2500) + " HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\n" + "X-A: b\r\n".repeat(1500) + "\r\n",
        "GET /api/v1/sources HTTP/1.1\r\nHost: x\r\nX-A: " + "b".repeat(9000) + "\r\n\r\n",
        "G".repeat(20_000) + " / HTTP/1.1\r\n\r\n",
        post + "Content-Length: 100\r\n\r\n" + valid, // shorter than announced
        post + "Content-Length: 5\r\n\r\n" + valid, // longer than announced
        post + "Content-Length: " + valid.length() + "\r\nContent-Length: 3\r\n\r\n" + valid,
        post + "Content-Length: " + valid.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + valid,
        post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + valid + "\r\n0\r\n\r\n",
        post + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(valid.length()) + "\r\n" + valid,
        post + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n" + valid + "\r\n0\r\n\r\n",
        post + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
        post + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(valid.length()) + "\r\n" + valid
            + "\r\n0\r\nX-Trailer: " + "t".repeat(9000) + "\r\n\r\n",
        post + "Content-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\u001f\u008b\u0008\u0000",
        post + "Expect: 100-continue\r\nContent-Length: " + valid.length() + "\r\n\r\n" + valid,
        post + "Expect: nonsense\r\nContent-Length: " + valid.length() + "\r\n\r\n" + valid));
    // a chunked body over 1 MiB, without Content-Length: the limit must hold while streaming
    StringBuilder chunked = new StringBuilder(post).append("Transfer-Encoding: chunked\r\n\r\n");
    String piece = "\"" + "c".repeat(60_000) + "\",";
    chunked.append(Integer.toHexString(16)).append("\r\n{\"object_keys\":[").append("\r\n");
    for (int i = 0; i < 20; i++) {
      chunked.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
    }
    chunked.append("4\r\n\"\"]}\r\n0\r\n\r\n");
    requests.add(chunked.toString());

    // When each is sent as raw bytes; Then a 4xx ErrorResponse (or a 200 where the request is fine)
    for (String request : requests) {
      String line = request.contains("\n") ? request.substring(0, request.indexOf('\n')) : request;
      String[] parts = line.split(" ");
      String method = parts[0].length() > 12 ? parts[0].substring(0, 12) : parts[0];
      String target = parts.length > 1 ? parts[1] : "";
      check(method, target, request, raw.send(request));
    }
    assertNoProblems();
  }

  @Test
  void shouldAnswerUriTooLongAndHeadersTooLargeWhenTheRequestHeadExceeds8KiB() {
    // Given a request line, then headers, each over 8 KiB
    RawHttp.Answer longLine = send("GET", "/api/v1/sources?x=" + "a".repeat(9000), FuzzInputs.headers("tok"), null);
    Map<String, String> big = FuzzInputs.headers("tok");
    big.put("X-Big", "b".repeat(9000));
    RawHttp.Answer bigHeader = send("GET", "/api/v1/sources", big, null);

    // Then 414 and 431 as ErrorResponses
    assertThat(longLine.status()).as("%s", longLine).isEqualTo(414);
    assertThat(bigHeader.status()).as("%s", bigHeader).isEqualTo(431);
    assertNoProblems();
  }

  @Test
  void shouldNeverAnswerAnotherTenantsDataWhateverTheQueryWhenTheTokenIsOtherTenants() {
    // Given globex's token and random hostile listing queries
    for (int i = 0; i < 300; i++) {
      String target = (rnd.nextBoolean() ? "/api/v1/sources?" : "/api/v1/invocations?") + in.query();

      // When it is sent
      RawHttp.Answer a = send("GET", target, FuzzInputs.headers("other-tok"), null);

      // Then a 200 holds only globex's jobs (of source FOREIGN)
      if (a.status() == 200) {
        for (JsonNode item : Json.parse(a.text())) {
          assertThat(item.get("source_id").asText()).as("%s", target).isEqualTo(FOREIGN);
        }
      }
    }
    assertNoProblems();
  }

  // ---------------------------------------------------------------- defects, pinned one by one

  @Test
  void shouldAnswerLatestByKeysWithoutA5xxWhenAnObjectKeyIsLongerThan65535Bytes() {
    // Given a body under the 1 MiB limit whose one object key has 65,536 bytes
    Map<String, String> hd = FuzzInputs.headers("tok");
    hd.put("Content-Type", "application/json");
    String body = "{\"object_keys\":[\"" + "a".repeat(65_536) + "\"]}";

    // When it is posted to an S3 source of the key's tenant
    RawHttp.Answer a = send("POST", "/api/v1/sources/" + S3 + "/invocations/latest-by-keys", hd, body);

    // Then a 200 without that key (no invocation can have it) or a 400, never a 500 and an ERROR log
    assertThat(a.status()).as("%s", a).isIn(200, 400);
    if (a.status() == 200) {
      assertThat(a.text()).isEqualTo("{}");
    }
    assertNoProblems();
  }

  @Test
  void shouldAnswerHeadWithoutABodyWhenTheRequestHeadIsTooLarge() {
    // Given HEAD requests whose target, then headers, are over 8 KiB
    String[] requests = {
      "HEAD /api/v1/sources?x=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      "HEAD /api/v1/sources HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(9000) + "\r\nConnection: close\r\n\r\n",
    };
    for (String request : requests) {
      // When it is sent
      RawHttp.Answer a = raw.send(request);

      // Then the 414 or 431 and its headers come without content (RFC 9110 9.3.2; docs/http.md)
      assertThat(a.status()).as("%s", a).isIn(414, 431);
      assertThat(a.text()).as("HEAD answer body: %s", a).isEmpty();
    }
  }

  @Test
  void shouldAnswerAnErrorResponseAndCloseWhenJettyCannotReadTheRequestLineWhateverItsMethod() {
    // Given requests starting with HEAD whose request line Jetty cannot read: a %00 path, a target
    // beyond even Jetty's own limit (the server never learns their method)
    String[] requests = {
      "HEAD /api/v1/sources/%00 HTTP/1.1\r\nHost: x\r\n\r\n",
      "HEAD /api/v1/sources?x=" + "a".repeat(40_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
    };
    for (String request : requests) {
      // When it is sent (without Connection: close)
      RawHttp.Answer a = raw.send(request);

      // Then the ErrorResponse comes, and the connection ends with it (docs/http.md): nothing is
      // left on it that a client could take for its next answer
      assertThat(a.status()).as("%s", a).isIn(400, 414);
      assertThat(Answers.errorShapeProblem(a.text())).as("%s", a).isNull();
      assertThat(raw.closesAfterAnswer(request)).as("connection closed after %s", a).isTrue();
    }
  }

  @Test
  void shouldAnswer400BadRequestWhenTheRequestLineHasNoOrAnUnknownHttpVersion() {
    // Given request lines that are malformed HTTP/1.1: no version (HTTP/0.9 form) and version 9.9
    String[] requests = {
      "GET /api/v1/sources\r\n\r\n",
      "GET /api/v1/sources HTTP/9.9\r\nHost: x\r\n\r\n",
    };
    for (String request : requests) {
      // When it is sent
      RawHttp.Answer a = raw.send(request);

      // Then a 4xx ErrorResponse (docs/http.md: malformed requests are 400), not a 5xx "InternalError"
      assertThat(a.status()).as("%s", a).isEqualTo(400);
      assertThat(Json.parse(a.text()).get("error").asText()).isEqualTo("BadRequest");
    }
  }

  @Test
  void shouldAnswerUriTooLongWhenTheRequestLineIsOver8KiBBecauseOfItsMethod() {
    // Given a request line of 20 KB, almost all of it the method token
    String request = "G".repeat(20_000) + " /api/v1/sources HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    // When it is sent
    RawHttp.Answer a = raw.send(request);

    // Then 414 UriTooLong, as docs/http.md says of anything over 8 KiB while reading the request line
    assertThat(a.status()).as("%s", a).isEqualTo(414);
    assertThat(Json.parse(a.text()).get("error").asText()).isEqualTo("UriTooLong");
  }
}
