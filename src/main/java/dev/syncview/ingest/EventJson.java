package dev.syncview.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.JsonText;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON reading for upstream events: duplicate keys, trailing tokens, invalid UTF-8 and deep
 * nesting all make a record malformed, so that hostile values are dead-lettered, not half-read.
 */
final class EventJson {
  static final int MAX_DEPTH = 64;
  /** Beyond this a number is malformed: parsing huge numbers is quadratic. */
  static final int MAX_NUMBER_DIGITS = 10_000;

  private static final ObjectMapper MAPPER = build();
  private static final List<String> CREDENTIALS = List.of("aws_access_key_id", "aws_secret_access_key");

  private EventJson() {}

  private static ObjectMapper build() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_DIGITS)
                    .build())
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // Numbers inside kept blobs are served as given: exact decimals, never a lossy double.
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    mapper.disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
    return mapper;
  }

  /**
   * Jackson would detect UTF-16 and UTF-32 by itself; events.md says UTF-8. UTF-8 JSON never holds
   * a NUL byte (a NUL in a string must be escaped) nor starts with a UTF-16/32 byte-order mark.
   */
  private static boolean plausiblyUtf8(byte[] value) {
    if (value.length > 0 && (value[0] == (byte) 0xFE || value[0] == (byte) 0xFF)) {
      return false;
    }
    for (byte b : value) {
      if (b == 0) {
        return false;
      }
    }
    return true;
  }

  /** The value as a JSON object, or a {@code malformed-json} rejection. */
  static ObjectNode readObject(byte[] value) {
    if (!plausiblyUtf8(value)) {
      throw new Rejection(DeadLetterReason.MALFORMED_JSON, "value is not UTF-8 JSON");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(value);
    } catch (IOException | RuntimeException e) {
      throw new Rejection(DeadLetterReason.MALFORMED_JSON, "value is not well-formed JSON");
    }
    if (node == null || !node.isObject()) {
      throw new Rejection(DeadLetterReason.MALFORMED_JSON, "value is not a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Compact text of a JSON value made by {@link #kept}. */
  static JsonText text(JsonNode node) {
    try {
      return new JsonText(MAPPER.writeValueAsString(node));
    } catch (IOException e) {
      throw new Rejection(DeadLetterReason.INVALID_FIELD, "value cannot be re-encoded");
    }
  }

  static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  /**
   * A copy of a JSON value the view keeps (and serves): every string and field name checked for
   * lone surrogates, and every field named like a credential dropped, at any depth and in any
   * letter case (events.md).
   */
  static JsonNode kept(JsonNode node, String field) {
    if (node.isTextual()) {
      Strings.requireWellFormed(node.textValue(), field);
      return node;
    }
    if (node.isArray()) {
      ArrayNode out = MAPPER.createArrayNode();
      for (JsonNode child : node) {
        out.add(kept(child, field));
      }
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = MAPPER.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        Strings.requireWellFormed(e.getKey(), field);
        if (!isCredential(e.getKey())) {
          out.set(e.getKey(), kept(e.getValue(), field));
        }
      }
      return out;
    }
    return node;
  }

  /**
   * Whether a field name names an AWS credential. {@code equalsIgnoreCase} folds more than ASCII
   * case (a dotted capital I, a long s): for a secret, dropping a look-alike is the safe side.
   */
  static boolean isCredential(String name) {
    for (String credential : CREDENTIALS) {
      if (credential.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
