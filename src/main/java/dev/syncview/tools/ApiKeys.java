package dev.syncview.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.domain.ApiKey;
import dev.syncview.domain.TokenHash;
import dev.syncview.ingest.ApiKeyParser;
import dev.syncview.ingest.Decoded;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Issues and revokes API keys: a random token, of which only the SHA-256 travels on the topic. The
 * token is returned once and never stored.
 */
public final class ApiKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /** A key to publish, and the token that authenticates with it. */
  public record Issued(String keyId, String token, String snapshotJson) {}

  /**
   * @param databases null for every database of the tenant
   * @param version higher than any earlier snapshot of this key id
   */
  public static Issued issue(String keyId, String tenant, List<String> databases, long version) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = "sv_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKey key = new ApiKey(keyId, tenant, TokenHash.of(token), databases, false, version);
    return new Issued(keyId, token, snapshot(key));
  }

  /**
   * The revocation of {@code key}: its last snapshot with {@code revoked: true}. A value rather
   * than a tombstone keeps who the key was for readable on the compacted topic (README, "keys").
   */
  public static String revocation(ApiKey key, long version) {
    return snapshot(new ApiKey(key.id(), key.tenant(), key.tokenSha256(), key.databases(), true, version));
  }

  /**
   * A version above {@code applied}: the wall clock where it is ahead, so ids re-issued by hand or
   * by the demo keep increasing without a read.
   */
  public static long nextVersion(long applied) {
    return Math.max(applied + 1, System.currentTimeMillis());
  }

  /**
   * Decodes {@code json} as the service will, so no snapshot built here is one it would
   * dead-letter: a failure is a bug of this class, not of the operator's input, which is checked
   * before.
   */
  private static void requireAccepted(String keyId, String json, boolean revocation) {
    Decoded<ApiKey> d = ApiKeyParser.decode(keyId, json.getBytes(StandardCharsets.UTF_8));
    if (!(d instanceof Decoded.Snapshot<ApiKey> s
        && s.body() instanceof Decoded.Valid<ApiKey>
        && s.deleteMarker() == revocation)) {
      throw new IllegalStateException("the service would not accept this key snapshot: " + d);
    }
  }

  private static String snapshot(ApiKey key) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", key.id());
    o.put("tenant", key.tenant());
    o.put("token_sha256", key.tokenSha256());
    if (key.databases() == null) {
      o.putNull("databases");
    } else {
      key.databases().forEach(o.putArray("databases")::add);
    }
    o.put("revoked", key.revoked());
    o.put("version", key.version());
    String json = o.toString();
    requireAccepted(key.id(), json, key.revoked());
    return json;
  }
}
