package dev.syncview.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncview.query.ApiException;
import dev.syncview.testing.Events;
import dev.syncview.testing.ProjectionHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API-key snapshots: hashing, versions, revocation, scope, and one live key per token. */
class ApiKeyRulesTest {
  ProjectionHarness h;

  @BeforeEach
  void setUp() {
    h = new ProjectionHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void shouldAuthenticateATokenByItsHashAndNotByTheHashItself() {
    h.key(Events.apiKey("k1", "acme", "secret-token", null));

    assertThat(h.login("secret-token").tenant()).isEqualTo("acme");
    assertThatThrownBy(() -> h.login(Events.sha256("secret-token")))
        .isInstanceOf(ApiException.Unauthorized.class);
  }

  @Test
  void shouldStopAuthenticatingARevokedKeyForGood() {
    h.key(Events.apiKey("k1", "acme", "tok", null));

    h.key(Events.apiKey("k1", "acme", "tok", null).version(2).set("revoked", true));
    h.key(Events.apiKey("k1", "acme", "tok", null).version(3));

    assertThatThrownBy(() -> h.login("tok")).isInstanceOf(ApiException.Unauthorized.class);
  }

  @Test
  void shouldStopAuthenticatingAKeyOnATombstone() {
    h.key(Events.apiKey("k1", "acme", "tok", null));

    h.key("k1", null);

    assertThatThrownBy(() -> h.login("tok")).isInstanceOf(ApiException.Unauthorized.class);
  }

  @Test
  void shouldMoveAKeyToItsNewTokenOnANewerVersion() {
    h.key(Events.apiKey("k1", "acme", "old", null));

    h.key(Events.apiKey("k1", "acme", "new", List.of("docs")).version(2));

    assertThatThrownBy(() -> h.login("old")).isInstanceOf(ApiException.Unauthorized.class);
    assertThat(h.login("new").databases()).containsExactly("docs");
  }

  @Test
  void shouldDeadLetterASecondKeyWithAHeldTokenAndKeepTheFirst() {
    h.key(Events.apiKey("k1", "acme", "tok", null));

    h.key(Events.apiKey("k2", "other", "tok", null));

    assertThat(h.login("tok").tenant()).isEqualTo("acme");
    List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
    assertThat(dead).hasSize(1);
    assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k2");
    assertThat(DeadLetterRulesTest.header(dead.get(0), "dlq.reason")).isEqualTo("duplicate-token");
  }

  @Test
  void shouldLetTheEarlierClaimWinWhateverTheArrivalOrder() {
    // Given the key created later (timestamp 2000) arrives first
    var later = new TestRecord<>(
        "k2".getBytes(StandardCharsets.UTF_8),
        Events.apiKey("k2", "other", "tok", null).bytes(),
        Instant.ofEpochMilli(2000));
    var earlier = new TestRecord<>(
        "k1".getBytes(StandardCharsets.UTF_8),
        Events.apiKey("k1", "acme", "tok", null).bytes(),
        Instant.ofEpochMilli(1000));
    var keys =
        h.driver()
            .createInputTopic(h.topics.apiKeys(), new ByteArraySerializer(), new ByteArraySerializer());
    keys.pipeInput(later);

    // When the earlier one arrives
    keys.pipeInput(earlier);

    // Then the earlier claim authenticates, and the displaced one is dead-lettered
    assertThat(h.login("tok").tenant()).isEqualTo("acme");
    List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
    assertThat(dead).hasSize(1);
    assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k2");
  }

  @Test
  void shouldDeadLetterAKeyWithAnInvalidHash() {
    h.key(Events.apiKey("k1", "acme", "tok", null).set("token_sha256", Events.sha256("tok").toUpperCase()));

    assertThat(DeadLetterRulesTest.header(h.deadLetters().get(0), "dlq.reason"))
        .isEqualTo("invalid-field");
    assertThatThrownBy(() -> h.login("tok")).isInstanceOf(ApiException.Unauthorized.class);
  }

  @Test
  void shouldDeadLetterAKeyWhoseIdDiffersFromItsRecordKey() {
    h.key("k9", Events.apiKey("k1", "acme", "tok", null).bytes());

    assertThat(DeadLetterRulesTest.header(h.deadLetters().get(0), "dlq.reason"))
        .isEqualTo("key-mismatch");
  }
}
