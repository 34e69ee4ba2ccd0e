package dev.syncview.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.syncview.domain.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders the flat Source object of get-source: the type key with its sanitized config, then the
 * source's own fields. Credentials cannot appear: the parsed config never holds them.
 */
public final class SourceJson {
  private static final JsonFactory FACTORY = new JsonFactory();

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
      ItemJson.raw(g, s.embeddingModel());
      g.writeFieldName("chunking");
      ItemJson.raw(g, s.chunking());
      g.writeFieldName("embedding");
      ItemJson.raw(g, s.embedding());
      g.writeStringField("created_at", Timestamps.format(s.createdAt()));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
