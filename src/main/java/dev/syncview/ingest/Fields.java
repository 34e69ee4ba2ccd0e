package dev.syncview.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.JsonText;
import dev.syncview.domain.Uuids;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one field of an event object. Absent and JSON null are the same; each method
 * rejects with the reason events.md gives for that kind of field.
 */
final class Fields {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Fields() {}

  static boolean present(ObjectNode obj, String name) {
    JsonNode n = obj.get(name);
    return n != null && !n.isNull();
  }

  static String requiredText(ObjectNode obj, String name, int minCodePoints, int maxCodePoints) {
    if (!present(obj, name)) {
      throw missing(name);
    }
    return text(obj.get(name), name, minCodePoints, maxCodePoints);
  }

  static String optionalText(ObjectNode obj, String name, int minCodePoints, int maxCodePoints) {
    return present(obj, name) ? text(obj.get(name), name, minCodePoints, maxCodePoints) : null;
  }

  static String text(JsonNode node, String name, int minCodePoints, int maxCodePoints) {
    if (!node.isTextual()) {
      throw invalid(name, "must be a string");
    }
    String s = node.textValue();
    Strings.requireWellFormed(s, name);
    int n = Strings.codePoints(s);
    if (n < minCodePoints || n > maxCodePoints) {
      throw invalid(name, "must be " + minCodePoints + " to " + maxCodePoints + " characters");
    }
    return s;
  }

  /** A canonical UUID, lower-cased; anything else present is {@code invalid-uuid}. */
  static String requiredUuid(ObjectNode obj, String name) {
    if (!present(obj, name)) {
      throw missing(name);
    }
    return uuid(obj.get(name), name);
  }

  static String uuid(JsonNode node, String name) {
    String normalized = node.isTextual() ? Uuids.normalize(node.textValue()) : null;
    if (normalized == null) {
      throw new Rejection(DeadLetterReason.INVALID_UUID, name + " is not a UUID");
    }
    return normalized;
  }

  static long requiredTimestamp(ObjectNode obj, String name) {
    if (!present(obj, name)) {
      throw missing(name);
    }
    JsonNode n = obj.get(name);
    Long millis = n.isTextual() ? Rfc3339.parseMillis(n.textValue()) : null;
    if (millis == null) {
      throw new Rejection(
          DeadLetterReason.INVALID_TIMESTAMP, name + " is not an RFC 3339 timestamp with offset");
    }
    return millis;
  }

  /** {@code version}: a JSON integer literal in 1..2^63-1. */
  static long version(ObjectNode obj) {
    if (!present(obj, "version")) {
      throw missing("version");
    }
    JsonNode n = obj.get("version");
    if (!n.isIntegralNumber()) {
      throw invalid("version", "must be an integer");
    }
    BigInteger v = n.bigIntegerValue();
    if (v.signum() <= 0 || v.compareTo(LONG_MAX) > 0) {
      throw invalid("version", "must be in 1..2^63-1");
    }
    return v.longValue();
  }

  /** An integer literal in 0..2^63-1, or null when absent. */
  static Long optionalNonNegativeLong(ObjectNode obj, String name) {
    if (!present(obj, name)) {
      return null;
    }
    Long v = nonNegativeLong(obj.get(name));
    if (v == null) {
      throw invalid(name, "must be a non-negative integer");
    }
    return v;
  }

  static Long nonNegativeLong(JsonNode n) {
    if (!n.isIntegralNumber()) {
      return null;
    }
    BigInteger v = n.bigIntegerValue();
    return v.signum() < 0 || v.compareTo(LONG_MAX) > 0 ? null : v.longValue();
  }

  static Boolean optionalBoolean(ObjectNode obj, String name) {
    if (!present(obj, name)) {
      return null;
    }
    JsonNode n = obj.get(name);
    if (!n.isBoolean()) {
      throw invalid(name, "must be a boolean");
    }
    return n.booleanValue();
  }

  static List<String> optionalTextList(ObjectNode obj, String name, int minCp, int maxCp) {
    if (!present(obj, name)) {
      return null;
    }
    JsonNode n = obj.get(name);
    if (!n.isArray()) {
      throw invalid(name, "must be an array of strings");
    }
    List<String> out = new ArrayList<>(n.size());
    for (JsonNode item : n) {
      out.add(text(item, name, minCp, maxCp));
    }
    return out;
  }

  static ObjectNode optionalObject(ObjectNode obj, String name) {
    if (!present(obj, name)) {
      return null;
    }
    JsonNode n = obj.get(name);
    if (!n.isObject()) {
      throw invalid(name, "must be an object");
    }
    return (ObjectNode) n;
  }

  static ObjectNode requiredObject(ObjectNode obj, String name) {
    if (!present(obj, name)) {
      throw missing(name);
    }
    ObjectNode o = optionalObject(obj, name);
    return o;
  }

  /**
   * Any JSON value kept as given (for example {@code chunking}) but for credential-named fields,
   * or null when absent.
   */
  static JsonText optionalBlob(ObjectNode obj, String name) {
    if (!present(obj, name)) {
      return null;
    }
    return EventJson.text(EventJson.kept(obj.get(name), name));
  }

  static Rejection missing(String name) {
    return new Rejection(DeadLetterReason.MISSING_FIELD, name + " is required");
  }

  static Rejection invalid(String name, String rule) {
    return new Rejection(DeadLetterReason.INVALID_FIELD, name + " " + rule);
  }
}
