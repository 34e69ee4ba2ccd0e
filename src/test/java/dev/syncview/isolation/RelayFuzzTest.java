package dev.syncview.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.query.Placement;
import dev.syncview.testing.Events;
import dev.syncview.testing.ProjectionHarness;
import dev.syncview.testing.TestServers;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile requests sent to an instance that must relay them (its placement says the tenant lives
 * on the owner) and the same requests sent to the owner directly: for any query string, header,
 * body and method, the relayed answer has the owner's status and body, and neither is a 5xx.
 * Seeded like {@link HttpFuzzTest} ({@code -Dfuzz.seed=<seed>} replays a run).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayFuzzTest {
  static final String S3 = "00000000-0000-4000-8000-0000000000e2";
  static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  static final int CASES = 1500;
  static final String[] PATHS = {
    "/api/v1/sources", "/api/v1/invocations", "/api/v1/sources/" + FuzzInputs.GH, "/api/v1/sources/" + S3,
    "/api/v1/invocations/" + HttpFuzzTest.job(1), "/api/v1/sources/a|b", "/api/v1/invocations/%C3%A9^x",
    "/api/v1/sources/" + FuzzInputs.FOREIGN
  };
  static final String[] METHODS = {"GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"};
  static final String[] CONTENT_TYPES = {
    "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/jsonx",
    "application/json; \u00e9=\u00ff", ""
  };
  static final String[] BODIES = {
    "{\"object_keys\":[\"key-1\"]}", "{\"object_keys\":[]}", "{\"object_keys\":[\"a|b\",\"\u00e9\"]}", "{",
    "[]", "{\"object_keys\":[1]}", "{\"object_keys\":[\"k\"],\"object_keys\":[\"k\"]}", ""
  };

  ProjectionHarness h;
  Javalin owner;
  Javalin router;
  RawHttp toOwner;
  RawHttp toRouter;

  @BeforeAll
  void start() {
    System.out.println("RelayFuzzTest seed: " + SEED + " (replay with -Dfuzz.seed=" + SEED + ")");
    h = new ProjectionHarness();
    h.key(Events.apiKey("k", "acme", "tok", null));
    h.key(Events.apiKey("s", "acme", "scoped", List.of("docs")));
    h.key(Events.apiKey("o", "globex", "other-tok", null));
    h.source(Events.githubSource(FuzzInputs.GH, "acme", "docs"));
    h.source(Events.s3Source(S3, "acme", "bucket"));
    h.source(Events.githubSource(FuzzInputs.FOREIGN, "globex", "docs"));
    for (int i = 0; i < 12; i++) {
      String src = i % 2 == 0 ? S3 : FuzzInputs.GH;
      h.job(Events.job(HttpFuzzTest.job(i), "acme", src)
          .createdAt(String.format("2026-11-%02dT10:00:00Z", 1 + i))
          .set("object_key", "key-" + (i % 3)));
    }
    owner = server(Placement.SINGLE, "owner");
    String ownerAddress = "127.0.0.1:" + owner.port();
    router = server(tenant -> new Placement.Target(1, false, ownerAddress, List.of(), false), "router");
    toOwner = new RawHttp(owner.port());
    toRouter = new RawHttp(router.port());
  }

  Javalin server(Placement placement, String self) {
    return TestServers.placed(h.api(), placement, self, "internal".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
  }

  @AfterAll
  void stop() {
    router.stop();
    owner.stop();
    h.close();
  }

  @Test
  void shouldAnswerExactlyAsTheOwnerWouldWhenRequestsAreRelayedWhateverTheyHold() {
    // Given random methods, paths, query strings, tokens, content types and bodies
    Random rnd = new Random(SEED);
    FuzzInputs in = new FuzzInputs(rnd);
    Map<String, String> differences = new LinkedHashMap<>();
    int relayed = 0;
    for (int i = 0; i < CASES; i++) {
      String method = in.pick(METHODS);
      String target = in.pick(PATHS) + (rnd.nextInt(6) == 0 ? "" : "?" + in.query());
      Map<String, String> headers = FuzzInputs.headers(in.token());
      String body = null;
      if (method.equals("POST")) {
        target = "/api/v1/sources/" + (rnd.nextBoolean() ? S3 : FuzzInputs.GH) + "/invocations/latest-by-keys"
            + (rnd.nextBoolean() ? "" : "?" + in.query());
        headers.put("Content-Type", in.pick(CONTENT_TYPES));
        body = in.pick(BODIES);
      }
      String request = FuzzInputs.request(method, target, headers, body);

      // When it is sent to the relaying instance, and to the owner directly
      RawHttp.Answer viaRouter = toRouter.send(request);
      RawHttp.Answer direct = toOwner.send(request);

      // Then both answer the same status and body, and neither is a 5xx
      if ("owner".equals(viaRouter.header("X-Served-By"))) {
        relayed++;
      }
      String difference = difference(viaRouter, direct);
      if (difference != null) {
        differences.putIfAbsent(method + " " + HttpFuzzTest.routeOf(target) + ": " + difference,
            "request: " + HttpFuzzTest.shorten(request) + "\n  relayed: " + HttpFuzzTest.shorten(viaRouter.raw())
                + "\n  direct: " + HttpFuzzTest.shorten(direct.raw()));
      }
    }
    StringBuilder report = new StringBuilder();
    differences.forEach((k, v) -> report.append("\n* ").append(k).append("\n  ").append(v));
    assertThat(differences).as("relayed answers that differ from direct ones (seed %s):%s", SEED, report).isEmpty();
    // and a good share of them really crossed to the owner (the rest: 401, 404/405 before routing)
    assertThat(relayed).as("requests relayed").isGreaterThan(CASES / 10);
  }

  @Test
  void shouldRelayARequestJustUnderTheHeadLimitWhoseTargetTriplesWhenEncoded() {
    // Given a request whose head is just under 8 KiB, its query all characters URI refuses
    String head = "GET /api/v1/sources?x= HTTP/1.1\r\nHost: localhost\r\nx-chroma-token: tok\r\nConnection: close\r\n\r\n";
    String request = head.replace("?x=", "?x=" + "|".repeat(8 * 1024 - head.length() - 1));

    // When it reaches the relaying instance, whose relay of it is about three times as long
    RawHttp.Answer viaRouter = toRouter.send(request);

    // Then the owner takes it and answers as it does directly
    assertThat(viaRouter.header("X-Served-By")).isEqualTo("owner");
    assertThat(difference(viaRouter, toOwner.send(request))).isNull();
    // while two bytes more (a head of 8 KiB + 1) are the 431 of any client, wherever it arrives
    assertThat(toRouter.send(request.replace("?x=", "?x=||")).status()).isEqualTo(431);
    assertThat(toOwner.send(request.replace("?x=", "?x=||")).status()).isEqualTo(431);
  }

  static String difference(RawHttp.Answer relayed, RawHttp.Answer direct) {
    if (relayed.status() >= 500 || direct.status() >= 500 || relayed.status() < 0 || direct.status() < 0) {
      return "a 5xx or no answer (" + relayed.status() + " relayed, " + direct.status() + " direct)";
    }
    if (relayed.status() != direct.status()) {
      return "status " + relayed.status() + " relayed, " + direct.status() + " direct";
    }
    if (!relayed.text().equals(direct.text())) {
      return "bodies differ";
    }
    return null;
  }
}
