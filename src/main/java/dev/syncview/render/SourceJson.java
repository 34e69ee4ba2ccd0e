package dev.syncview.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.syncview.domain.JsonText;
import dev.syncview.domain.Source;
import dev.syncview.domain.SourceType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders the flat Source object of get-source: the type key with its sanitized config, then the
 * source's own fields. Credentials cannot appear: the parsed config never holds them. A snapshot
 * that omits the embedding settings or chunking gets the documented defaults (docs/http.md).
 */
public final class SourceJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  static final JsonText DEFAULT_EMBEDDING_MODEL = new JsonText("{\"model\":\"Qwen/Qwen3-Embedding-0.6B\"}");
  static final JsonText DEFAULT_EMBEDDING =
      new JsonText("{\"dense\":{\"model\":\"Qwen/Qwen3-Embedding-0.6B\"}}");
  static final JsonText DEFAULT_CODE_CHUNKING =
      new JsonText("{\"type\":\"tree_sitter\",\"max_size_bytes\":8192}");
  static final JsonText DEFAULT_TEXT_CHUNKING =
      new JsonText("{\"type\":\"recursive\",\"max_size_bytes\":8192}");

  private SourceJson() {}

  public static byte[] render(Source s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName(s.type().key());
      g.writeRawValue(s.config().json());
      g.writeStringField("id", s.id());
      g.writeStringField("database_name", s.databaseName());
      g.writeFieldName("embedding_model");
      ItemJson.raw(g, or(s.embeddingModel(), DEFAULT_EMBEDDING_MODEL));
      g.writeFieldName("chunking");
      ItemJson.raw(
          g,
          or(s.chunking(), s.type() == SourceType.GITHUB ? DEFAULT_CODE_CHUNKING : DEFAULT_TEXT_CHUNKING));
      g.writeFieldName("embedding");
      ItemJson.raw(g, or(s.embedding(), DEFAULT_EMBEDDING));
      g.writeStringField("created_at", Timestamps.format(s.createdAt()));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static JsonText or(JsonText given, JsonText fallback) {
    return given != null ? given : fallback;
  }
}
