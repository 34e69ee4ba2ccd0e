package dev.syncview.http;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;

/** Reads {@code x-chroma-token}: sent once, non-empty, or the request is unauthenticated. */
final class Tokens {
  static final String HEADER = "x-chroma-token";

  private Tokens() {}

  /** The token, or null when missing, empty, or sent more than once. */
  static String of(Context ctx) {
    List<String> values = Collections.list(ctx.req().getHeaders(HEADER));
    return values.size() == 1 && !values.get(0).isEmpty() ? values.get(0) : null;
  }
}
