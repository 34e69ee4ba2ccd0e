package dev.syncview.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.domain.ApiKey;
import dev.syncview.domain.DeadLetterReason;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code sync.api-keys} values. {@code revoked: true} (or {@code deleted: true}) acts like a
 * tombstone: revocation is final, so it is the delete marker of the envelope.
 */
public final class ApiKeyParser {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private ApiKeyParser() {}

  public static Decoded<ApiKey> decode(String key, byte[] value) {
    return Envelope.decode(value, List.of("revoked", "deleted"), obj -> body(key, obj));
  }

  private static ApiKey body(String key, ObjectNode o) {
    String id = Fields.requiredText(o, "id", 1, Integer.MAX_VALUE);
    if (!id.equals(key)) {
      throw new Rejection(DeadLetterReason.KEY_MISMATCH, "id differs from the record key");
    }
    String tenant = Fields.requiredText(o, "tenant", 1, SourceParser.MAX_TENANT);
    String hash = Fields.requiredText(o, "token_sha256", 64, 64);
    if (!SHA256_HEX.matcher(hash).matches()) {
      throw Fields.invalid("token_sha256", "must be 64 lower-case hex digits");
    }
    List<String> databases =
        Fields.optionalTextList(o, "databases", 1, SourceParser.MAX_DATABASE);
    Boolean revoked = Fields.optionalBoolean(o, "revoked");
    return new ApiKey(
        id, tenant, hash, databases, revoked != null && revoked, Fields.version(o));
  }
}
