package dev.syncview.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.domain.DeadLetterReason;
import java.util.List;
import java.util.function.Function;

/** The part every snapshot shares: tombstone, JSON object, version and delete marker. */
final class Envelope {
  private Envelope() {}

  /**
   * @param markerFields the boolean fields that mark a delete ({@code deleted}; API keys also
   *     {@code revoked})
   */
  static <T> Decoded<T> decode(byte[] value, List<String> markerFields, Function<ObjectNode, T> body) {
    if (value == null) {
      return new Decoded.Tombstone<>();
    }
    ObjectNode obj;
    long version;
    try {
      obj = EventJson.readObject(value);
      version = Fields.version(obj);
    } catch (Rejection r) {
      return new Decoded.Unreadable<>(r.reason(), r.getMessage());
    }
    boolean deleteMarker = false;
    for (String field : markerFields) {
      JsonNode marker = obj.get(field);
      if (marker != null && !marker.isNull() && !marker.isBoolean()) {
        return new Decoded.Snapshot<>(
            version,
            false,
            new Decoded.Invalid<>(DeadLetterReason.INVALID_FIELD, field + " must be a boolean"));
      }
      deleteMarker |= marker != null && marker.isBoolean() && marker.booleanValue();
    }
    try {
      return new Decoded.Snapshot<>(version, deleteMarker, new Decoded.Valid<>(body.apply(obj)));
    } catch (Rejection r) {
      return new Decoded.Snapshot<>(version, deleteMarker, new Decoded.Invalid<>(r.reason(), r.getMessage()));
    }
  }

  /** The entity id, which must equal the (normalized) record key. */
  static String requireUuidId(ObjectNode obj, String key) {
    String id = Fields.requiredUuid(obj, "id");
    if (!id.equals(key)) {
      throw new Rejection(DeadLetterReason.KEY_MISMATCH, "id differs from the record key");
    }
    return id;
  }
}
