package dev.syncview.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
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
    o.put("token_sha256", sha256Hex(token));
    if (databases == null) {
      o.putNull("databases");
    } else {
      databases.forEach(o.putArray("databases")::add);
    }
    o.put("revoked", false);
    o.put("version", version);
    return new Issued(keyId, token, o.toString());
  }

  static String sha256Hex(String token) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
