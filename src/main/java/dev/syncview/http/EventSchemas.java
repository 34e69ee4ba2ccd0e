package dev.syncview.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event contract as JSON Schema, for upstream publishers: {@code /schemas} lists the files,
 * {@code /schemas/<topic>.schema.json} serves one. Like {@link ApiDocs}, a fixed list read once at
 * start, so no directory of the classpath is exposed. No token: the contract holds no tenant data,
 * and publishers are not API clients.
 */
final class EventSchemas {
  static final String MEDIA_TYPE = "application/schema+json";
  /** The default topic names; the schemas describe the values, whatever a deployment names them. */
  static final List<String> TOPICS = List.of("sync.sources", "sync.jobs", "sync.api-keys");

  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final byte[] index;

  EventSchemas() {
    StringBuilder list = new StringBuilder("{\"schemas\":[");
    for (String topic : TOPICS) {
      String file = topic + ".schema.json";
      files.put(file, Resources.read("/schemas/" + file));
      list.append(files.size() > 1 ? "," : "")
          .append("{\"topic\":\"").append(topic)
          .append("\",\"url\":\"/schemas/").append(file).append("\"}");
    }
    index = list.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  void index(Context ctx) {
    Responses.json(ctx, 200, index);
  }

  void file(Context ctx) {
    byte[] body = files.get(ctx.pathParam("file"));
    if (body == null) {
      Responses.json(ctx, 404, ErrorBody.of(404, "no event schema named " + ctx.pathParam("file") + "; see /schemas"));
      return;
    }
    ctx.contentType(MEDIA_TYPE).result(body);
  }
}
