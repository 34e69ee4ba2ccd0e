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
  void shouldNeverLetARefusedKeyAuthenticateWhenTheHolderLeavesTheToken() {
    // Given k2 refused (duplicate-token) because k1 holds its token
    h.key(Events.apiKey("k1", "acme", "tok", null));
    h.key(Events.apiKey("k2", "other", "tok", null));

    // When k1 moves to another token, then is revoked
    h.key(Events.apiKey("k1", "acme", "new", null).version(2));
    h.key("k1", null);

    // Then the refused k2 never authenticates with the token it was refused
    assertThatThrownBy(() -> h.login("tok")).isInstanceOf(ApiException.Unauthorized.class);
    assertThatThrownBy(() -> h.login("new")).isInstanceOf(ApiException.Unauthorized.class);
    assertThat(h.deadLetters()).hasSize(1);
  }

  @Test
  void shouldDisableAKeysEarlierTokenWhenItsNewerSnapshotIsRefused() {
    // Given k2 authenticating with "mine", and k1 holding "tok"
    h.key(Events.apiKey("k2", "other", "mine", null));
    h.key(Events.apiKey("k1", "acme", "tok", null));

    // When k2's newer snapshot moves it to the held token
    h.key(Events.apiKey("k2", "other", "tok", null).version(2));

    // Then that snapshot is refused and not applied; k2, superseded by it, authenticates with nothing
    assertThat(h.login("tok").tenant()).isEqualTo("acme");
    assertThatThrownBy(() -> h.login("mine")).isInstanceOf(ApiException.Unauthorized.class);
    assertThat(DeadLetterRulesTest.header(h.deadLetters().get(0), "dlq.reason")).isEqualTo("duplicate-token");

    // and a still newer snapshot of its own is applied as usual
    h.key(Events.apiKey("k2", "other", "fresh", null).version(3));
    assertThat(h.login("fresh").tenant()).isEqualTo("other");
  }

  @Test
  void shouldEndTheSameWhicheverOfTwoClaimsArrivesFirst() {
    // Given two keys claiming one token, k1 earlier (timestamp 1000) than k2 (2000)
    for (boolean earlierFirst : new boolean[] {true, false}) {
      try (ProjectionHarness run = new ProjectionHarness()) {
        var keys = run.driver().createInputTopic(run.topics.apiKeys(), new ByteArraySerializer(), new ByteArraySerializer());
        var k1 = new TestRecord<>(utf8("k1"), Events.apiKey("k1", "acme", "tok", null).bytes(), Instant.ofEpochMilli(1000));
        var k2 = new TestRecord<>(utf8("k2"), Events.apiKey("k2", "other", "tok", null).bytes(), Instant.ofEpochMilli(2000));

        // When they arrive in either order, and then the holder moves to another token
        keys.pipeInput(earlierFirst ? k1 : k2);
        keys.pipeInput(earlierFirst ? k2 : k1);
        keys.pipeInput(new TestRecord<>(utf8("k1"), Events.apiKey("k1", "acme", "moved", null).version(2).bytes(), Instant.ofEpochMilli(3000)));

        // Then k2 is dead-lettered once and authenticates with nothing, in both orders
        assertThat(run.deadLetters()).as("earlier first: %s", earlierFirst).hasSize(1);
        assertThatThrownBy(() -> run.login("tok")).isInstanceOf(ApiException.Unauthorized.class);
        assertThat(run.login("moved").tenant()).isEqualTo("acme");
      }
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
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
