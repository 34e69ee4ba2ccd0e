package dev.syncview.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.testing.CliRunner;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.Producing;
import dev.syncview.testing.RunningService;
import dev.syncview.testing.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The key commands against a real broker and a running service: a created key authenticates over
 * HTTP with exactly its scope, {@code keys list} shows it without token material, and after
 * {@code keys revoke} it is refused for good.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysCliIntegrationTest {
  static final String DOCS = "00000000-0000-4000-8000-0000000000c1";
  static final String OPS = "00000000-0000-4000-8000-0000000000c2";
  static final String DOCS_JOB = "00000000-0000-4000-9000-0000000000c1";
  static final String OPS_JOB = "00000000-0000-4000-9000-0000000000c2";

  RunningService service;
  CliRunner cli;

  @BeforeAll
  void start() throws Exception {
    service = new RunningService().start();
    cli = new CliRunner(Map.of("KAFKA_BOOTSTRAP_SERVERS", service.bootstrapServers()));
    try (Producing kafka = new Producing(service.bootstrapServers())) {
      kafka.send("sync.sources", DOCS, Events.webSource(DOCS, "acme", "docs-db"));
      kafka.send("sync.sources", OPS, Events.webSource(OPS, "acme", "ops-db"));
      kafka.send("sync.jobs", DOCS_JOB, Events.job(DOCS_JOB, "acme", DOCS));
      kafka.send("sync.jobs", OPS_JOB, Events.job(OPS_JOB, "acme", OPS));
    }
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void shouldIssueListAndRevokeAKeyThatTheServiceHonours() {
    // Given a key created for acme's docs-db only
    CliRunner.Result created = cli.run("keys", "create", "--tenant", "acme", "--databases", "docs-db", "--id", "cli-key");
    assertThat(created.exit()).as(created.err()).isZero();
    String token = token(created.out());

    // Then it authenticates, and sees docs-db's job but not ops-db's
    await().atMost(Duration.ofMinutes(1)).until(() -> listing(token).statusCode() == 200 && ids(token).size() == 1);
    assertThat(ids(token)).containsExactly(DOCS_JOB);

    // And keys list shows it with its scope, without the token or its hash
    CliRunner.Result listed = cli.run("keys", "list");
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(row(listed, "cli-key")).containsExactly("cli-key", "acme", "docs-db", "no");
    assertThat(listed.out()).doesNotContain(token).doesNotContain(Events.sha256(token));

    // When it is revoked
    CliRunner.Result revoked = cli.run("keys", "revoke", "--id", "cli-key");
    assertThat(revoked.exit()).as(revoked.err()).isZero();

    // Then the service refuses it, list says so, and the id cannot be issued again
    await().atMost(Duration.ofMinutes(1)).until(() -> listing(token).statusCode() == 401);
    assertThat(row(cli.run("keys", "list"), "cli-key")).containsExactly("cli-key", "acme", "docs-db", "yes");
    CliRunner.Result reissued = cli.run("keys", "create", "--tenant", "acme", "--all-databases", "--id", "cli-key");
    assertThat(reissued.exit()).isEqualTo(1);
    assertThat(reissued.err()).contains("revoked");
  }

  @Test
  void shouldPublishNothingWhenTheDatabasesValueIsMissing() {
    int before = TopicReader.readToEnd(service.bootstrapServers(), "sync.api-keys").size();

    CliRunner.Result r = cli.run("keys", "create", "--tenant", "acme", "--databases");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--databases");
    assertThat(TopicReader.readToEnd(service.bootstrapServers(), "sync.api-keys")).hasSize(before);
  }

  @Test
  void shouldExit1WithOneLineWhenKafkaCannotBeReached() {
    int closed = EmbeddedKafkaBroker.freePort("127.0.0.1");
    CliRunner unreachable = new CliRunner(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closed));

    CliRunner.Result r = unreachable.run("keys", "list");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).contains("cannot read sync.api-keys from 127.0.0.1:" + closed);
  }

  private HttpResponse<String> listing(String token) {
    return service.http().get("/api/v1/sources?limit=100", token);
  }

  private List<String> ids(String token) {
    return Json.parse(listing(token).body()).findValuesAsText("id");
  }

  static List<String> row(CliRunner.Result listed, String id) {
    return listed.outLines().stream()
        .map(l -> List.of(l.trim().split("\\s+")))
        .filter(cells -> cells.get(0).equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + id + " in:\n" + listed.out()));
  }

  static String token(String out) {
    Matcher m = Pattern.compile("(?m)^token:\\s+(\\S+)$").matcher(out);
    assertThat(m.find()).as("a token line in: " + out).isTrue();
    return m.group(1);
  }
}
