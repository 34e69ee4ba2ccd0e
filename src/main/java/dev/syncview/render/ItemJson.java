package dev.syncview.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.syncview.domain.GitRef;
import dev.syncview.domain.ItemMetadata;
import dev.syncview.domain.JobItem;
import dev.syncview.domain.JobStatus;
import dev.syncview.domain.JsonText;
import dev.syncview.domain.KindDetail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders a listed job in the exact wire form of api.md. Rendered once, when the view changes, and
 * stored ready to send: a page is the concatenation of stored items.
 */
public final class ItemJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ItemJson() {}

  public static byte[] render(JobItem item) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(384);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", item.id());
      g.writeFieldName("status");
      status(g, item.status());
      g.writeFieldName("metadata");
      metadata(g, item.metadata());
      g.writeStringField("source_id", item.sourceId());
      g.writeStringField("created_at", Timestamps.format(item.createdAt()));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void status(JsonGenerator g, JobStatus status) throws IOException {
    if (status instanceof JobStatus.Complete c) {
      g.writeStartObject();
      g.writeObjectFieldStart("complete");
      g.writeStringField("finished_at", Timestamps.format(c.finishedAt()));
      g.writeNumberField("duration_ms", c.durationMs());
      g.writeEndObject();
      g.writeEndObject();
    } else if (status instanceof JobStatus.Failed f) {
      g.writeStartObject();
      g.writeObjectFieldStart("failed");
      g.writeStringField("error", f.error());
      g.writeEndObject();
      g.writeEndObject();
    } else {
      g.writeString(status.kind().wireName());
    }
  }

  private static void metadata(JsonGenerator g, ItemMetadata m) throws IOException {
    g.writeStartObject();
    g.writeFieldName(m.kind().wireName());
    KindDetail detail = m.detail();
    if (detail instanceof KindDetail.Github gh) {
      g.writeStartObject();
      g.writeObjectFieldStart("git_ref_identifier");
      if (gh.ref() instanceof GitRef.Branch b) {
        g.writeStringField("branch", b.name());
      } else {
        g.writeStringField("sha", ((GitRef.Sha) gh.ref()).sha());
      }
      g.writeEndObject();
      g.writeEndObject();
    } else if (detail instanceof KindDetail.S3 s3) {
      g.writeStartObject();
      g.writeStringField("bucket_name", s3.bucketName());
      g.writeStringField("object_key", s3.objectKey());
      g.writeStringField("custom_id", s3.customId());
      g.writeFieldName("additional_metadata");
      raw(g, s3.additionalMetadata());
      g.writeEndObject();
    } else {
      g.writeNull();
    }
    g.writeStringField("database_name", m.databaseName());
    g.writeStringField("collection_name", m.collectionName());
    g.writeEndObject();
  }

  static void raw(JsonGenerator g, JsonText text) throws IOException {
    if (text == null) {
      g.writeNull();
    } else {
      g.writeRawValue(text.json());
    }
  }
}
