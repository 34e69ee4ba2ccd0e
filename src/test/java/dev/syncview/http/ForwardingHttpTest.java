package dev.syncview.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.query.Placement;
import dev.syncview.testing.Events;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.ProjectionHarness;
import dev.syncview.testing.TestServers;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Routing between instances over real HTTP: "owner" holds every tenant; "router" is told by its
 * placement where a tenant lives and must relay, fall back to a fresh-enough standby, or say 503.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardingHttpTest {
  static final String SOURCE = "00000000-0000-4000-8000-0000000000d1";
  static final byte[] SECRET = "internal".getBytes(StandardCharsets.UTF_8);

  ProjectionHarness h;
  Javalin owner;
  String ownerAddress;
  final AtomicReference<Placement.Target> where = new AtomicReference<>();
  final AtomicReference<Long> lag = new AtomicReference<>(0L);
  Javalin router;
  HttpClientSupport http;

  @BeforeAll
  void start() {
    h = new ProjectionHarness();
    h.key(Events.apiKey("k", "acme", "tok", null));
    h.key(Events.apiKey("o", "other", "other-tok", null));
    h.source(Events.githubSource(SOURCE, "acme", "docs"));
    h.job(Events.job("00000000-0000-4000-9000-0000000000d2", "acme", SOURCE));
    owner = server(Placement.SINGLE, "owner");
    ownerAddress = "127.0.0.1:" + owner.port();
    router =
        server(
            new Placement() {
              @Override
              public Target locate(String tenant) {
                return where.get();
              }

              @Override
              public long standbyLag(int partition) {
                return lag.get();
              }
            },
            "router");
    http = new HttpClientSupport(router.port());
  }

  Javalin server(Placement placement, String self) {
    return TestServers.placed(h.api(), placement, self, SECRET, Duration.ofSeconds(2));
  }

  @AfterAll
  void stop() {
    router.stop();
    owner.stop();
    h.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/sources?limit=5",
        "/api/v1/invocations?source_id=" + SOURCE,
        "/api/v1/sources/" + SOURCE,
        "/api/v1/invocations/00000000-0000-4000-9000-0000000000d2",
        "/api/v1/sources/00000000-0000-4000-8000-00000000ffff"
      })
  void shouldRelayTheOwnersAnswerWhenTheTenantLivesElsewhere(String path) {
    // Given the tenant's active copy on the owner
    where.set(new Placement.Target(1, false, ownerAddress, List.of(), false));

    // When the router is asked
    HttpResponse<String> relayed = http.get(path, "tok");
    HttpResponse<String> direct = new HttpClientSupport(owner.port()).get(path, "tok");

    // Then it answers exactly what the owner answers, and says who did
    assertThat(relayed.statusCode()).isEqualTo(direct.statusCode());
    assertThat(relayed.body()).isEqualTo(direct.body());
    assertThat(relayed.headers().firstValue("X-Served-By")).hasValue("owner");
    assertThat(relayed.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/sources?limit=abc", "/api/v1/sources?x=%C3%28", "/api/v1/sources/" + SOURCE + "?x=%FF"})
  void shouldAnswerAParameterErrorWhereItArrivesWithTheOwnersAnswer(String path) {
    // Given the tenant's active copy on the owner
    where.set(new Placement.Target(1, false, ownerAddress, List.of(), false));

    // When a request with a bad parameter reaches the router
    HttpResponse<String> here = http.get(path, "tok");
    HttpResponse<String> direct = new HttpClientSupport(owner.port()).get(path, "tok");

    // Then it answers the owner's 400 itself: checking parameters needs no data
    assertThat(here.statusCode()).isEqualTo(400);
    assertThat(here.body()).isEqualTo(direct.body());
    assertThat(here.headers().firstValue("X-Served-By")).hasValue("router");
  }

  @Test
  void shouldRelayThePostBodyAndContentType() {
    where.set(new Placement.Target(1, false, ownerAddress, List.of(), false));
    HttpResponse<String> r =
        http.send(
            "POST",
            "/api/v1/sources/" + SOURCE + "/invocations/latest-by-keys",
            Map.of("x-chroma-token", "tok", "Content-Type", "application/json"),
            "{\"object_keys\":[\"a\"]}");
    assertThat(r.statusCode()).isEqualTo(400); // a github source: same answer as the owner's
    assertThat(r.headers().firstValue("X-Served-By")).hasValue("owner");
  }

  @Test
  void shouldAuthenticateBeforeRoutingSoABadTokenNeverTravels() {
    where.set(new Placement.Target(1, false, ownerAddress, List.of(), false));
    HttpResponse<String> r = http.get("/api/v1/sources", "wrong");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("X-Served-By")).hasValue("router");
  }

  @Test
  void shouldIgnoreAForgedForwardingMarkAndRouteAsUsual() {
    where.set(new Placement.Target(1, false, ownerAddress, List.of(), false));
    long now = System.currentTimeMillis();
    String forged = new ForwardSignature("guess".getBytes(StandardCharsets.UTF_8)).sign("GET", "/api/v1/sources", true, now);
    HttpResponse<String> r =
        http.send("GET", "/api/v1/sources", Map.of("x-chroma-token", "tok", ForwardSignature.HEADER, forged), null);
    assertThat(r.headers().firstValue("X-Served-By")).hasValue("owner");
    assertThat(r.headers().firstValue("X-View-Standby")).isEmpty();
  }

  @Test
  void shouldAnswerAValidlyForwardedRequestHereWithoutSendingItOn() {
    where.set(new Placement.Target(1, false, ownerAddress, List.of(), false));
    String mark = new ForwardSignature(SECRET).sign("GET", "/api/v1/sources", false, System.currentTimeMillis());
    HttpResponse<String> r =
        http.send("GET", "/api/v1/sources", Map.of("x-chroma-token", "tok", ForwardSignature.HEADER, mark), null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Served-By")).hasValue("router");
  }

  @Test
  void shouldStillScopeAForwardedRequestToTheTokensTenant() {
    where.set(new Placement.Target(1, false, ownerAddress, List.of(), false));
    String mark = new ForwardSignature(SECRET).sign("GET", "/api/v1/sources/" + SOURCE, false, System.currentTimeMillis());
    HttpResponse<String> r =
        http.send("GET", "/api/v1/sources/" + SOURCE, Map.of("x-chroma-token", "other-tok", ForwardSignature.HEADER, mark), null);
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void shouldAnswerFromAFreshLocalStandbyWhenTheActiveIsUnreachable() {
    // Given the active on a port nobody listens on, and a standby here 3 records behind
    String dead = "127.0.0.1:" + EmbeddedKafkaBroker.freePort("127.0.0.1");
    where.set(new Placement.Target(1, false, dead, List.of(), true));
    lag.set(3L);

    HttpResponse<String> r = http.get("/api/v1/sources", "tok");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-View-Standby")).hasValue("true");
    assertThat(r.headers().firstValue("X-View-Lag-Records")).hasValue("3");
    assertThat(r.headers().firstValue("X-Served-By")).hasValue("router");
  }

  @Test
  void shouldRefuseAStandbyThatIsTooFarBehindOrAReadYourWritesRequest() {
    String dead = "127.0.0.1:" + EmbeddedKafkaBroker.freePort("127.0.0.1");
    where.set(new Placement.Target(1, false, dead, List.of(), true));
    lag.set(11L);
    assertThat(http.get("/api/v1/sources", "tok").statusCode()).isEqualTo(503);
    lag.set(0L);
    HttpResponse<String> r = http.get("/api/v1/sources?min_position=sync.jobs:0:1", "tok");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void shouldTryARemoteStandbyAndThenSay503WhenNothingAnswers() {
    String dead = "127.0.0.1:" + EmbeddedKafkaBroker.freePort("127.0.0.1");
    where.set(new Placement.Target(1, false, dead, List.of(ownerAddress), false));
    lag.set(0L);
    HttpResponse<String> viaStandby = http.get("/api/v1/sources", "tok");
    assertThat(viaStandby.statusCode()).isEqualTo(200);
    assertThat(viaStandby.headers().firstValue("X-Served-By")).hasValue("owner");

    where.set(new Placement.Target(1, false, dead, List.of(dead), false));
    HttpResponse<String> none = http.get("/api/v1/sources", "tok");
    assertThat(none.statusCode()).isEqualTo(503);
    assertThat(none.body()).contains("\"error\":\"Unavailable\"");
  }
}
