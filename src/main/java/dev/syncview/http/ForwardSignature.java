package dev.syncview.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Marks a request one instance forwards to another: {@code <millis>.<stale 0|1>.<HMAC>} over the
 * method, path with query, time and stale flag, keyed by the deployment's internal secret. A valid
 * mark only tells the receiver to answer from its own copy (never to forward again) and whether a
 * standby copy may answer; the token is authenticated by the receiver like on any request, so a
 * forged or replayed mark gives nobody another tenant's data.
 */
final class ForwardSignature {
  static final String HEADER = "X-Sync-Forwarded";
  static final long MAX_SKEW_MS = 30_000;
  private final SecretKeySpec key;

  ForwardSignature(byte[] secret) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  String sign(String method, String pathAndQuery, boolean stale, long nowMillis) {
    String head = nowMillis + "." + (stale ? 1 : 0);
    return head + "." + mac(method, pathAndQuery, head);
  }

  /** The verified mark's stale flag, or null when the mark is missing, forged or too old. */
  Boolean verify(String header, String method, String pathAndQuery, long nowMillis) {
    if (header == null) {
      return null;
    }
    String[] parts = header.split("\\.", -1);
    if (parts.length != 3 || !(parts[1].equals("0") || parts[1].equals("1"))) {
      return null;
    }
    long at;
    try {
      at = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      return null;
    }
    if (Math.abs(nowMillis - at) > MAX_SKEW_MS) {
      return null;
    }
    String expected = mac(method, pathAndQuery, parts[0] + "." + parts[1]);
    boolean same =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII));
    return same ? parts[1].equals("1") : null;
  }

  private String mac(String method, String pathAndQuery, String head) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] out = mac.doFinal((method + "\n" + pathAndQuery + "\n" + head).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
