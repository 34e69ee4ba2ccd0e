package dev.syncview.http;

import dev.syncview.query.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw query string, decoded strictly: {@code +} is a space, every {@code %} must start two hex
 * digits, and the bytes must be UTF-8. A string that cannot be decoded is a 400, whatever the
 * parameter (api.md), so this decodes every pair, known or not. Nothing is trimmed or normalised.
 */
public final class QueryString {
  private final Map<String, List<String>> values;

  private QueryString(Map<String, List<String>> values) {
    this.values = values;
  }

  public static QueryString parse(String raw) {
    Map<String, List<String>> values = new HashMap<>();
    // Jetty turns raw bytes that are not UTF-8 into U+FFFD before we see the query string.
    if (raw != null && raw.indexOf('\uFFFD') >= 0) {
      throw undecodable();
    }
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
    }
    return new QueryString(values);
  }

  /**
   * The single value of a known parameter, or null when absent. Given twice, or present with an
   * empty value ({@code limit=}, a bare {@code limit}), it is a 400 naming the parameter.
   */
  public String single(String name) {
    List<String> v = values.get(name);
    if (v == null) {
      return null;
    }
    if (v.size() > 1) {
      throw new ApiException.BadRequest("query parameter " + name + " is given more than once");
    }
    if (v.get(0).isEmpty()) {
      throw new ApiException.BadRequest("query parameter " + name + " must not be empty");
    }
    return v.get(0);
  }

  /** Every value of a repeatable parameter; an empty one is a 400. */
  public List<String> all(String name) {
    List<String> v = values.getOrDefault(name, List.of());
    if (v.contains("")) {
      throw new ApiException.BadRequest("query parameter " + name + " must not be empty");
    }
    return v;
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int hi = i + 2 < s.length() ? hex(s.charAt(i + 1)) : -1;
        int lo = hi >= 0 ? hex(s.charAt(i + 2)) : -1;
        if (lo < 0) {
          throw undecodable();
        }
        bytes.write((hi << 4) | lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw undecodable();
    }
  }

  /** ASCII hex only: Character.digit would also take other scripts' digits. */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static ApiException.BadRequest undecodable() {
    return new ApiException.BadRequest(
        "the query string is not valid percent-encoded UTF-8 and cannot be decoded");
  }
}
