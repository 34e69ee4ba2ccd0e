package dev.syncview.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.syncview.query.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The operational answers' JSON ({@code /health}, {@code /status.json}): records written with
 * snake_case names, as the rest of the API names its fields, and one shape for progress wherever
 * it appears.
 */
final class StatusJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(SerializationFeature.WRITE_ENUMS_USING_TO_STRING, true)
          .registerModule(new SimpleModule().addSerializer(Progress.class, new ProgressSerializer()));

  private StatusJson() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The current phase's numbers at the top (what a script polling {@code /health} wants), then the
   * restore and the replay each in full: both can run at once (a rebalance restores some partitions
   * while others replay).
   */
  private static final class ProgressSerializer extends StdSerializer<Progress> {
    ProgressSerializer() {
      super(Progress.class);
    }

    @Override
    public void serialize(Progress p, JsonGenerator g, SerializerProvider provider) throws IOException {
      g.writeStartObject();
      g.writeStringField("phase", p.phase().toString());
      fields(g, p.current());
      g.writeObjectFieldStart("restore");
      fields(g, p.restore());
      g.writeEndObject();
      g.writeObjectFieldStart("replay");
      fields(g, p.replay());
      g.writeEndObject();
      g.writeNumberField("between_stages", p.betweenStages());
      g.writeEndObject();
    }

    private static void fields(JsonGenerator g, Progress.Work w) throws IOException {
      g.writeNumberField("done", w.done());
      g.writeNumberField("remaining", w.remaining());
      g.writeNumberField("rate", w.rate());
      if (w.etaSeconds() == null) {
        g.writeNullField("eta_seconds");
      } else {
        g.writeNumberField("eta_seconds", w.etaSeconds());
      }
    }
  }
}
