package dev.syncview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.domain.ApiKey;
import dev.syncview.domain.TokenHash;
import dev.syncview.ingest.ApiKeyParser;
import dev.syncview.ingest.Decoded;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The key commands against an in-memory topic: what they publish is what the service accepts, the
 * scope is exactly what was typed, and listings never show token material.
 */
class KeysCommandsTest {
  static final String HASH_A = "a".repeat(64);
  static final String HASH_B = "b".repeat(64);

  final CliRun cli = CliRun.withSettings(Map.of());

  @Test
  void shouldPublishOneSnapshotTheServiceAcceptsWithExactlyTheTypedDatabases() {
    CliRun.Result r = cli.run("keys", "create", "--tenant", "acme", "--databases", "docs-db,support-db", "--id", "k1");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(cli.topic.published).hasSize(1);
    ApiKey key = accepted("k1", cli.topic.publishedJson(0));
    assertThat(key.tenant()).isEqualTo("acme");
    assertThat(key.databases()).containsExactly("docs-db", "support-db");
    assertThat(key.revoked()).isFalse();
    assertThat(key.tokenSha256()).isEqualTo(TokenHash.of(token(r.out())));
    assertThat(cli.topic.publishedJson(0)).doesNotContain(token(r.out()));
  }

  @Test
  void shouldScopeAKeyToEveryDatabaseOnlyWhenAskedTo() {
    CliRun.Result r = cli.run("keys", "create", "--tenant", "acme", "--all-databases");

    assertThat(r.exit()).as(r.err()).isZero();
    String id = cli.topic.published.get(0).key();
    assertThat(id).startsWith("key-");
    assertThat(accepted(id, cli.topic.publishedJson(0)).databases()).isNull();
  }

  @Test
  void shouldAcceptNamesAtTheContractsLimitsCountedInCodePoints() {
    String tenant = "\uD83D\uDE00".repeat(128); // 128 code points, 256 UTF-16 units
    String db = "\uD83D\uDE00".repeat(256);

    CliRun.Result r = cli.run("keys", "create", "--tenant", tenant, "--databases", db, "--id", "wide");

    assertThat(r.exit()).as(r.err()).isZero();
    ApiKey key = accepted("wide", cli.topic.publishedJson(0));
    assertThat(key.tenant()).isEqualTo(tenant);
    assertThat(key.databases()).containsExactly(db);
  }

  @Test
  void shouldReissueALiveIdWithAHigherVersionAndRefuseARevokedOne() {
    long far = Long.MAX_VALUE / 2;
    cli.topic.with("live", snapshot("live", HASH_A, far, false)).with("gone", snapshot("gone", HASH_B, 1, true));

    CliRun.Result reissued = cli.run("keys", "create", "--tenant", "acme", "--all-databases", "--id", "live");
    CliRun.Result refused = cli.run("keys", "create", "--tenant", "acme", "--all-databases", "--id", "gone");

    assertThat(reissued.exit()).as(reissued.err()).isZero();
    assertThat(accepted("live", cli.topic.publishedJson(0)).version()).isGreaterThan(far);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.errLines()).hasSize(1);
    assertThat(refused.err()).contains("gone").contains("revoked");
    assertThat(cli.topic.published).hasSize(1);
  }

  @Test
  void shouldListEveryKeyAsTheServiceAppliesItWithoutTokenMaterial() {
    cli.topic
        .with("a-live", snapshot("a-live", HASH_A, 2, false))
        .with("a-live", snapshot("a-live", HASH_B, 1, false).replace("\"acme\"", "\"stale\""))
        .with("b-revoked", snapshot("b-revoked", HASH_B, 1, false))
        .with("b-revoked", snapshot("b-revoked", HASH_B, 2, true))
        .with("b-revoked", snapshot("b-revoked", HASH_B, 3, false))
        .with("c-tombstoned", null)
        .with("d-dead-lettered", "{\"id\":\"d-dead-lettered\",\"version\":1}")
        .with("e-scoped", snapshot("e-scoped", HASH_A, 1, false).replace("null", "[\"docs-db\",\"ops\"]"));

    CliRun.Result r = cli.run("keys", "list");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().map(l -> List.of(l.trim().split("\\s+"))))
        .containsExactly(
            List.of("ID", "TENANT", "DATABASES", "REVOKED"),
            List.of("a-live", "acme", "(all)", "no"),
            List.of("b-revoked", "acme", "(all)", "yes"),
            List.of("c-tombstoned", "-", "-", "yes"),
            List.of("e-scoped", "acme", "docs-db,ops", "no"));
    assertThat(r.out()).doesNotContain(HASH_A).doesNotContain(HASH_B);
  }

  @Test
  void shouldRevokeWithARevokedSnapshotOfAHigherVersionTheServiceAccepts() {
    cli.topic.with("k1", snapshot("k1", HASH_A, 7, false).replace("null", "[\"docs-db\"]"));

    CliRun.Result r = cli.run("keys", "revoke", "--id", "k1");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(cli.topic.published).hasSize(1);
    Decoded.Snapshot<ApiKey> s = decoded("k1", cli.topic.publishedJson(0));
    assertThat(s.deleteMarker()).isTrue();
    assertThat(s.version()).isGreaterThan(7);
    ApiKey revoked = ((Decoded.Valid<ApiKey>) s.body()).value();
    assertThat(revoked.tenant()).isEqualTo("acme");
    assertThat(revoked.databases()).containsExactly("docs-db");
  }

  @Test
  void shouldFailRevokingAnUnknownKeyAndChangeNothingRevokingARevokedOne() {
    cli.topic.with("gone", null);

    CliRun.Result unknown = cli.run("keys", "revoke", "--id", "nobody");
    CliRun.Result again = cli.run("keys", "revoke", "--id", "gone");

    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no key nobody");
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("already revoked");
    assertThat(cli.topic.published).isEmpty();
  }

  static String snapshot(String id, String hash, long version, boolean revoked) {
    return "{\"id\":\"" + id + "\",\"tenant\":\"acme\",\"token_sha256\":\"" + hash
        + "\",\"databases\":null,\"revoked\":" + revoked + ",\"version\":" + version + "}";
  }

  static String token(String out) {
    Matcher m = Pattern.compile("(?m)^token:\\s+(\\S+)$").matcher(out);
    assertThat(m.find()).as("a token line in: " + out).isTrue();
    return m.group(1);
  }

  static ApiKey accepted(String key, String json) {
    Decoded.Snapshot<ApiKey> s = decoded(key, json);
    assertThat(s.deleteMarker()).isFalse();
    return ((Decoded.Valid<ApiKey>) s.body()).value();
  }

  static Decoded.Snapshot<ApiKey> decoded(String key, String json) {
    Decoded<ApiKey> d = ApiKeyParser.decode(key, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(d).isInstanceOf(Decoded.Snapshot.class);
    Decoded.Snapshot<ApiKey> s = (Decoded.Snapshot<ApiKey>) d;
    assertThat(s.body()).as("accepted by the service's parser").isInstanceOf(Decoded.Valid.class);
    return s;
  }
}
