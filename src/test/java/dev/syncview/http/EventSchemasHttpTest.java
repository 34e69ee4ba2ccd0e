package dev.syncview.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.DialectId;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import dev.syncview.testing.TestServers;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event schemas over real HTTP, without a token: the index, each file byte for byte as the
 * repository holds it (so the jar never serves a stale copy), and the API's 404 for any other name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventSchemasHttpTest {
  ProjectionHarness h;
  Javalin app;
  HttpClientSupport http;

  @BeforeAll
  void start() {
    h = new ProjectionHarness();
    app = TestServers.start(h.api());
    http = new HttpClientSupport(app.port());
  }

  @AfterAll
  void stop() {
    app.stop();
    h.close();
  }

  @Test
  void shouldListOneSchemaPerInputTopicAndServeEachAsTheRepositoryHoldsIt() throws IOException {
    HttpResponse<String> index = http.get("/schemas", null);

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    List<String> topics = new ArrayList<>();
    for (JsonNode entry : Json.parse(index.body()).get("schemas")) {
      String topic = entry.get("topic").asText();
      topics.add(topic);
      assertThat(entry.get("url").asText()).isEqualTo("/schemas/" + topic + ".schema.json");

      HttpResponse<String> file = http.get(entry.get("url").asText(), null);
      assertThat(file.statusCode()).as(topic).isEqualTo(200);
      assertThat(file.headers().firstValue("Content-Type")).as(topic).hasValue("application/schema+json");
      assertThat(file.body()).as(topic).isEqualTo(Files.readString(Path.of("schemas", topic + ".schema.json")));
    }
    assertThat(topics).containsExactly("sync.sources", "sync.jobs", "sync.api-keys");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync.sources", "sync.jobs", "sync.api-keys"})
  void shouldServeSchemasThatMeetTheDraft202012MetaSchema(String topic) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema meta = registry.getSchema(SchemaLocation.of(DialectId.DRAFT_2020_12));
    String served = http.get("/schemas/" + topic + ".schema.json", null).body();

    assertThat(meta.validate(served, InputFormat.JSON)).isEmpty();
    assertThat(Json.parse(served).get("$schema").asText()).isEqualTo(DialectId.DRAFT_2020_12);
  }

  @Test
  void shouldAnswerHeadLikeGetWithoutABody() {
    HttpResponse<String> head = http.send("HEAD", "/schemas/sync.jobs.schema.json", (String) null, null);

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type")).hasValue("application/schema+json");
    assertThat(head.body()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/schemas/sync.dead-letters.schema.json",
    "/schemas/SYNC.SOURCES.schema.json",
    "/schemas/sync.sources.schema.json.bak",
    "/schemas/",
    "/schemas/sync.sources.schema.json/x"})
  void shouldAnswerTheApis404ForAnyOtherName(String path) {
    HttpResponse<String> r = http.get(path, null);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode body = Json.parse(r.body());
    assertThat(body.get("error").asText()).isEqualTo("NotFound");
    assertThat(body.get("message").asText()).isNotBlank();
    assertThat(body.size()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/schemas/..%2Fopenapi.json", "/schemas/%2e%2e/openapi.json", "/schemas/..%5Copenapi.json"})
  void shouldServeNothingButTheListedFilesWhenAPathClimbsOut(String path) {
    HttpResponse<String> r = http.get(path, null);

    // Jetty refuses encoded separators itself (400); anything that reaches the route is a 404.
    assertThat(r.statusCode()).isIn(400, 404);
    assertThat(Json.parse(r.body()).has("error")).isTrue();
    assertThat(r.body()).doesNotContain("openapi\"");
  }
}
