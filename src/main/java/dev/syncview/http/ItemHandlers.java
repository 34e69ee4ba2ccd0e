package dev.syncview.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.syncview.domain.Uuids;
import dev.syncview.query.ApiException;
import dev.syncview.query.Principal;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The single-object routes: get_source, get_invocation and latest-by-keys. What needs no data (the
 * query string, the body) is checked before a request is relayed to the instance holding its
 * tenant: the answer is the same on every instance.
 */
final class ItemHandlers {
  static final int MAX_OBJECT_KEYS = 1000;
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final Reads reads;

  ItemHandlers(Reads reads) {
    this.reads = reads;
  }

  void source(Context ctx) throws InterruptedException {
    Principal principal = reads.authenticate(ctx);
    QueryString query = QueryString.parse(ctx.queryString());
    if (!reads.answerHere(ctx, principal)) {
      return;
    }
    reads.settle(ctx, query);
    Responses.json(ctx, 200, reads.api(ctx).source(principal, id(ctx, "source_id", "source")));
  }

  void job(Context ctx) throws InterruptedException {
    Principal principal = reads.authenticate(ctx);
    QueryString query = QueryString.parse(ctx.queryString());
    if (!reads.answerHere(ctx, principal)) {
      return;
    }
    reads.settle(ctx, query);
    Responses.json(ctx, 200, reads.api(ctx).job(principal, id(ctx, "invocation_id", "invocation")));
  }

  /** Body {@code {"object_keys": [..]}}: at most 1000 strings; 415 unless JSON. */
  void latestByKeys(Context ctx) throws InterruptedException {
    Principal principal = reads.authenticate(ctx);
    if (!isJson(ctx.contentType())) {
      throw new UnsupportedMediaType();
    }
    List<String> keys = objectKeys(ctx.bodyAsBytes());
    QueryString query = QueryString.parse(ctx.queryString());
    if (!reads.answerHere(ctx, principal)) {
      return;
    }
    reads.settle(ctx, query);
    String sourceId = id(ctx, "source_id", "source");
    Map<String, byte[]> latest = reads.api(ctx).latestByObjectKeys(principal, sourceId, keys);
    Responses.json(ctx, 200, object(latest));
  }

  static boolean isJson(String contentType) {
    return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
  }

  /** A path id that is not a UUID names nothing: the same 404 as any unknown id. */
  private static String id(Context ctx, String param, String what) {
    String raw = ctx.pathParam(param);
    String id = Uuids.normalize(raw);
    if (id == null) {
      throw new ApiException.NotFound(what + " " + raw + " does not exist");
    }
    return id;
  }

  static List<String> objectKeys(byte[] body) {
    List<String> keys = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw badBody();
      }
      boolean seen = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("object_keys")) {
          p.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          throw badBody();
        }
        seen = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw badBody();
          }
          keys.add(p.getText());
          if (keys.size() > MAX_OBJECT_KEYS) {
            throw new ApiException.BadRequest("object_keys holds more than " + MAX_OBJECT_KEYS + " keys");
          }
        }
      }
      if (!seen || p.nextToken() != null) {
        throw badBody();
      }
    } catch (IOException e) {
      throw badBody();
    }
    return keys;
  }

  private static byte[] object(Map<String, byte[]> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 400 * items.size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, byte[]> e : items.entrySet()) {
        g.writeFieldName(e.getKey());
        g.writeRawValue(new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static ApiException.BadRequest badBody() {
    return new ApiException.BadRequest(
        "the body must be a JSON object {\"object_keys\": [<string>, ...]}");
  }

  /** 415: the route takes a JSON body. */
  static final class UnsupportedMediaType extends ApiException {
    UnsupportedMediaType() {
      super(415, "UnsupportedMediaType", "the body must be application/json");
    }
  }
}
