package dev.syncview.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one error shape of the API: {@code {"error": <word>, "message": <sentence>}}. */
final class ErrorBody {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ErrorBody() {}

  static byte[] of(int status, String message) {
    return of(word(status), message);
  }

  static byte[] of(String error, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(96);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("error", error);
      g.writeStringField("message", message);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The error word api.md gives each status. */
  static String word(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 413 -> "PayloadTooLarge";
      case 414 -> "UriTooLong";
      case 415 -> "UnsupportedMediaType";
      case 431 -> "HeadersTooLarge";
      case 500 -> "InternalError";
      case 503 -> "Unavailable";
      default -> status < 500 ? "BadRequest" : "InternalError";
    };
  }
}
