package dev.syncview.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.testing.Json;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small readers of real HTTP answers shared by the isolation and fuzz tests. */
final class Answers {
  static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final Pattern NEXT = Pattern.compile("<([^>]*)>;\\s*rel=\"next\"");

  private Answers() {}

  /**
   * The header names of an answer, lower-cased (values like X-Request-Id differ per request),
   * without the hop-by-hop {@code Connection}: Jetty adds {@code Connection: close} when a handler
   * answers before the request body has arrived, which varies between identical requests (measured:
   * 19 of 300 identical unauthenticated POSTs), so it says nothing about the request's token or id.
   */
  static Set<String> headerNames(HttpResponse<?> r) {
    Set<String> names = new TreeSet<>();
    for (String n : r.headers().map().keySet()) {
      names.add(n.toLowerCase(Locale.ROOT));
    }
    names.remove("connection");
    return names;
  }

  /** The path and query of the Link rel="next" target, or null. */
  static String next(HttpResponse<?> r) {
    String link = r.headers().firstValue("Link").orElse(null);
    if (link == null) {
      return null;
    }
    Matcher m = NEXT.matcher(link);
    return m.find() ? m.group(1) : null;
  }

  /** The body with every spelling (any case) of {@code id} replaced by a placeholder. */
  static String withoutId(String body, String id) {
    return body.replaceAll("(?i)" + Pattern.quote(id), "<ID>");
  }

  /** The body with {@code text} (as a JSON string would escape it, case-sensitive) replaced. */
  static String withoutText(String body, String text) {
    String escaped = Json.write(Json.MAPPER.getNodeFactory().textNode(text));
    return body.replace(escaped.substring(1, escaped.length() - 1), "<TEXT>");
  }

  /**
   * Null when {@code text} is an ErrorResponse: one JSON object with exactly the string fields
   * {@code error} and {@code message}; else why not.
   */
  static String errorShapeProblem(String text) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(text);
    } catch (Exception e) {
      return "not JSON: " + e.getMessage();
    }
    if (n == null || !n.isObject()) {
      return "not a JSON object";
    }
    Set<String> fields = new TreeSet<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      fields.add(it.next());
    }
    if (!fields.equals(Set.of("error", "message"))) {
      return "fields " + fields + " instead of [error, message]";
    }
    if (!n.get("error").isTextual() || !n.get("message").isTextual()) {
      return "error and message must be strings";
    }
    if (n.get("error").asText().isEmpty()) {
      return "empty error word";
    }
    return null;
  }

  /** The error word api.md gives a status. */
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
      case 503 -> "Unavailable";
      default -> null;
    };
  }
}
