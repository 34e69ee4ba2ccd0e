package dev.syncview.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.Producing;
import dev.syncview.testing.RunningService;
import dev.syncview.testing.TempDirs;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two instances on a real broker: a request that reaches the instance not holding its tenant is
 * relayed to the one that does, and answers exactly what that instance answers directly, for query
 * strings, paths and bodies Jetty accepts but {@code java.net.URI} does not.
 */
class RelayIntegrationTest {
  static final int TENANTS = 8;

  @Test
  void shouldAnswerRelayedRequestsAsTheOwnerDoesDirectlyWhenTheyHoldOddCharacters() throws Exception {
    Path dir = Files.createTempDirectory("sync-view-relay-");
    String app = "relay-" + UUID.randomUUID().toString().substring(0, 8);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("localhost", 0, 0, dir, Map.of());
        RunningService a = instance(broker, app).start();
        RunningService b = instance(broker, app).start();
        Producing kafka = new Producing(broker.bootstrapServers())) {
      // Given tenants spread over the view's partitions, each with a key, an S3 source and a job
      for (int t = 0; t < TENANTS; t++) {
        String src = UUID.randomUUID().toString();
        kafka.send("sync.api-keys", "k" + t, Events.apiKey("k" + t, "tenant-" + t, "tok-" + t, null));
        kafka.send("sync.sources", src, Events.s3Source(src, "tenant-" + t, "docs"));
        String job = UUID.randomUUID().toString();
        kafka.send("sync.jobs", job, Events.job(job, "tenant-" + t, src).set("object_key", "key-1"));
      }
      // and, once both instances list every tenant's job, a tenant whose data lives on b
      String bAddress = "localhost:" + b.httpPort();
      String token = await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(
          () -> tenantServedBy(a, b, bAddress), t -> t != null);

      // When hostile requests of that tenant reach a, and the same go to b directly
      RawHttp viaA = new RawHttp(a.httpPort());
      RawHttp toB = new RawHttp(b.httpPort());
      List<String> differences = new ArrayList<>();
      for (String request : requests(token, sourceOf(b, token))) {
        RawHttp.Answer relayed = viaA.send(request);
        RawHttp.Answer direct = toB.send(request);

        // Then a answers b's status and body, never a 5xx
        String difference = RelayFuzzTest.difference(relayed, direct);
        if (difference != null) {
          differences.add(difference + " for " + HttpFuzzTest.shorten(request));
        }
      }
      assertThat(differences).isEmpty();
      // and a query only the owner can answer was indeed answered by b
      RawHttp.Answer odd = viaA.send(get("/api/v1/sources?x=a|b&limit=5", token));
      assertThat(odd.status()).isEqualTo(200);
      assertThat(odd.header("X-Served-By")).isEqualTo(bAddress);
    } finally {
      TempDirs.delete(dir);
    }
  }

  static RunningService instance(EmbeddedKafkaBroker broker, String app) {
    return new RunningService()
        .with("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers())
        .with("APPLICATION_ID", app)
        .with("VIEW_PARTITIONS", "4");
  }

  /** The token of a tenant whose listing a relays to b, once both list every tenant's job. */
  static String tenantServedBy(RunningService a, RunningService b, String bAddress) {
    String found = null;
    for (int t = 0; t < TENANTS; t++) {
      for (RunningService instance : List.of(a, b)) {
        HttpResponse<String> r = instance.http().get("/api/v1/sources", "tok-" + t);
        if (r.statusCode() != 200 || Json.parse(r.body()).size() != 1) {
          return null;
        }
      }
      HttpResponse<String> viaA = a.http().get("/api/v1/sources", "tok-" + t);
      if (viaA.headers().firstValue("X-Served-By").orElse("").equals(bAddress)) {
        found = "tok-" + t;
      }
    }
    return found;
  }

  static String sourceOf(RunningService b, String token) {
    return Json.parse(b.http().get("/api/v1/sources", token).body()).get(0).get("source_id").asText();
  }

  static List<String> requests(String token, String source) {
    String latest = "/api/v1/sources/" + source + "/invocations/latest-by-keys";
    List<String> out = new ArrayList<>();
    for (String query : List.of(
        "x=a|b", "x=%zz", "x=%", "x=%C3%28", "x=^{}", "x=\u00e9", "limit=abc", "limit=1&limit=2",
        "database_name=%7Cdocs", "database_name=docs|x", "order_by=asc&x=`", "min_position=sync.jobs:0:0|1",
        "source_type=s3&x=[1]")) {
      out.add(get("/api/v1/sources?" + query, token));
      out.add(get("/api/v1/invocations?" + query, token));
      out.add(get("/api/v1/sources/" + source + "?" + query, token));
      out.add(FuzzInputs.request("HEAD", "/api/v1/sources?" + query, FuzzInputs.headers(token), null));
      Map<String, String> json = FuzzInputs.headers(token);
      json.put("Content-Type", "application/json; charset=utf-8");
      out.add(FuzzInputs.request("POST", latest + "?" + query, json, "{\"object_keys\":[\"key-1\",\"a|b\"]}"));
    }
    out.add(get("/api/v1/sources/a|b", token));
    out.add(get("/api/v1/invocations/%C3%A9^x", token));
    Map<String, String> text = FuzzInputs.headers(token);
    text.put("Content-Type", "text/plain");
    out.add(FuzzInputs.request("POST", latest, text, "{}"));
    return out;
  }

  static String get(String target, String token) {
    return FuzzInputs.request("GET", target, FuzzInputs.headers(token), null);
  }
}
