package dev.syncview.http;

import dev.syncview.domain.Sha256;
import dev.syncview.domain.Uuids;
import dev.syncview.query.ApiException;
import dev.syncview.query.Order;
import dev.syncview.query.Position;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque keyset cursors: the last position seen, bound to the listing it came from (route, tenant,
 * filters, order) and signed. A changed byte, or a cursor from another listing or tenant, is a 400.
 * The binding, not the secret, is what keeps a cursor inside its tenant: the tenant always comes
 * from the token, never from the cursor.
 */
final class Cursors {
  private static final int VERSION = 1;
  private static final int BINDING = 16;
  private static final int MAC = 16;
  private static final int LENGTH = 1 + 1 + 8 + 16 + BINDING + MAC;

  private final SecretKeySpec key;
  /** Keyed once and copied per cursor, never updated itself (as {@link Sha256}). */
  private final Mac prepared;

  Cursors(byte[] secret) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.prepared = lookUp();
  }

  /** What a cursor is bound to: the listing's route, tenant, filters and order. */
  record Listing(String route, String tenant, String db, String kind, String status, String sourceId, Order order) {
    byte[] digest() {
      String canonical = String.join("\u0000", route, tenant, n(db), n(kind), n(status), n(sourceId), order.name());
      return Arrays.copyOf(Sha256.of(canonical.getBytes(StandardCharsets.UTF_8)), BINDING);
    }

    private static String n(String s) {
      return s == null ? "\u0001" : s;
    }
  }

  String encode(Listing listing, Position position) {
    byte[] body =
        ByteBuffer.allocate(LENGTH - MAC)
            .put((byte) VERSION)
            .put((byte) listing.order().ordinal())
            .putLong(position.createdAt())
            .put(Uuids.toBytes(position.jobId()))
            .put(listing.digest())
            .array();
    byte[] token = Arrays.copyOf(body, LENGTH);
    System.arraycopy(mac(body), 0, token, body.length, MAC);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  Position decode(String text, Listing listing) {
    byte[] token;
    try {
      token = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (token.length != LENGTH || token[0] != VERSION) {
      throw invalid();
    }
    byte[] body = Arrays.copyOf(token, LENGTH - MAC);
    if (!MessageDigest.isEqual(mac(body), Arrays.copyOfRange(token, LENGTH - MAC, LENGTH))) {
      throw invalid();
    }
    byte[] binding = Arrays.copyOfRange(token, 26, 26 + BINDING);
    if (!MessageDigest.isEqual(binding, listing.digest())) {
      throw new ApiException.BadRequest(
          "cursor belongs to another listing: repeat the filters and order_by it was issued with");
    }
    long createdAt = ByteBuffer.wrap(token, 2, 8).getLong();
    return new Position(createdAt, Uuids.fromBytes(token, 10));
  }

  private byte[] mac(byte[] body) {
    Mac mac;
    try {
      mac = (Mac) prepared.clone();
    } catch (CloneNotSupportedException e) {
      mac = lookUp();
    }
    return Arrays.copyOf(mac.doFinal(body), MAC);
  }

  private Mac lookUp() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiException.BadRequest invalid() {
    return new ApiException.BadRequest("cursor is not a cursor this service issued");
  }
}
