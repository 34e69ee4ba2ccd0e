package dev.syncview.contract;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.syncview.domain.Uuids;
import dev.syncview.ingest.ApiKeyParser;
import dev.syncview.ingest.Decoded;
import dev.syncview.ingest.JobParser;
import dev.syncview.ingest.SourceParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record value judged twice: by the published JSON Schema of its topic, and by the service's
 * own parser. Only valid-or-rejected is compared; the reasons are the parser's business.
 */
final class Verdicts {
  static final String SOURCES = "sync.sources";
  static final String JOBS = "sync.jobs";
  static final String API_KEYS = "sync.api-keys";
  static final List<String> TOPICS = List.of(SOURCES, JOBS, API_KEYS);

  /**
   * What a publisher's pipeline sees: UTF-8 text read by a plain JSON reader. It sets no limits
   * of its own (depth, number length) and keeps the last of duplicate keys, like most readers, so
   * that what the schema cannot see shows up as a disagreement instead of hiding behind the
   * reader. Numbers stay exact, so 2^63 is not rounded into range.
   */
  private static final ObjectMapper PLAIN =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(Integer.MAX_VALUE)
                          .maxNumberLength(Integer.MAX_VALUE)
                          .maxStringLength(Integer.MAX_VALUE)
                          .build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Map<String, Schema> SCHEMAS = load();

  private Verdicts() {}

  /** The schema's answer; {@code errors} says why, for failure messages. */
  record SchemaVerdict(boolean valid, String errors) {}

  static SchemaVerdict schema(String topic, byte[] value) {
    String text;
    JsonNode node;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value))
              .toString();
      node = PLAIN.readTree(text);
    } catch (CharacterCodingException e) {
      return new SchemaVerdict(false, "not UTF-8");
    } catch (JacksonException e) {
      return new SchemaVerdict(false, "not one JSON text: " + e.getOriginalMessage());
    }
    if (node == null || node.isMissingNode()) {
      return new SchemaVerdict(false, "no JSON text");
    }
    List<Error> errors = SCHEMAS.get(topic).validate(node);
    return new SchemaVerdict(errors.isEmpty(), errors.toString());
  }

  /** The parser's answer; null when valid, else the dead-letter reason and message. */
  static String parserRejection(String topic, byte[] key, byte[] value) {
    String k = new String(key, StandardCharsets.UTF_8);
    Decoded<?> d =
        switch (topic) {
          case SOURCES -> SourceParser.decode(requireUuid(k), value);
          case JOBS -> JobParser.decode(requireUuid(k), value);
          case API_KEYS -> ApiKeyParser.decode(k, value);
          default -> throw new IllegalArgumentException(topic);
        };
    if (d instanceof Decoded.Unreadable<?> u) {
      return u.reason().wireName() + ": " + u.message();
    }
    if (d instanceof Decoded.Snapshot<?> s && s.body() instanceof Decoded.Invalid<?> i) {
      return i.reason().wireName() + ": " + i.message();
    }
    if (d instanceof Decoded.Snapshot<?>) {
      return null;
    }
    throw new IllegalStateException("no value to judge: " + d);
  }

  /** The parsers take the key as the router leaves it: a UUID, lower-cased. */
  private static String requireUuid(String key) {
    String normalized = Uuids.normalize(key);
    if (normalized == null) {
      throw new IllegalArgumentException("the router refuses key " + key + " before any parser");
    }
    return normalized;
  }

  /** From the classpath, as the jar serves them: the build copies schemas/ there. */
  private static Map<String, Schema> load() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    return Map.of(
        SOURCES, registry.getSchema(resource(SOURCES), InputFormat.JSON),
        JOBS, registry.getSchema(resource(JOBS), InputFormat.JSON),
        API_KEYS, registry.getSchema(resource(API_KEYS), InputFormat.JSON));
  }

  static String resource(String topic) {
    String path = "/schemas/" + topic + ".schema.json";
    try (InputStream in = Verdicts.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing " + path + ": is schemas/ still a resource in pom.xml?");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
