package dev.syncview.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.domain.DeadLetterReason;
import java.util.function.Function;

/** The part every snapshot shares: tombstone, JSON object, version and delete marker. */
final class Envelope {
  private Envelope() {}

  /**
   * @param markerField the boolean field that marks a delete ({@code deleted}, or {@code revoked}
   *     for API keys), or null when the entity has none
   */
  static <T> Decoded<T> decode(byte[] value, String markerField, Function<ObjectNode, T> body) {
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
    JsonNode marker = markerField == null ? null : obj.get(markerField);
    if (marker != null && !marker.isNull() && !marker.isBoolean()) {
      return new Decoded.Snapshot<>(
          version,
          false,
          new Decoded.Invalid<>(DeadLetterReason.INVALID_FIELD, markerField + " must be a boolean"));
    }
    boolean deleteMarker = marker != null && marker.isBoolean() && marker.booleanValue();
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
