package dev.syncview.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.domain.TokenHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Issues API keys: a random token, of which only the SHA-256 travels on the topic. The token is
 * returned once and never stored.
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
    ObjectNode o = JSON.createObjectNode();
    o.put("id", keyId);
    o.put("tenant", tenant);
    o.put("token_sha256", TokenHash.of(token));
    if (databases == null) {
      o.putNull("databases");
    } else {
      databases.forEach(o.putArray("databases")::add);
    }
    o.put("revoked", false);
    o.put("version", version);
    return new Issued(keyId, token, o.toString());
  }

}
