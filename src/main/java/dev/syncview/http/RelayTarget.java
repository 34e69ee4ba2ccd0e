package dev.syncview.http;

import java.nio.charset.StandardCharsets;

/**
 * The path and query of a relayed request, in the form {@code java.net.URI} accepts. Jetty takes
 * characters in a request target that URI refuses (such as {@code |}, {@code ^} or a raw
 * non-ASCII character); each is sent percent-encoded, which the receiving instance decodes to the
 * very same value. Existing escapes pass unchanged: the query string was decoded before the relay
 * (a malformed one is answered where it arrived), and Jetty refuses a path with a malformed one.
 */
final class RelayTarget {
  private static final String ALLOWED = "-._~!$&'()*+,;=:@/?%";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private RelayTarget() {}

  static String encode(String pathAndQuery) {
    StringBuilder out = new StringBuilder(pathAndQuery.length() + 16);
    pathAndQuery.codePoints().forEach(cp -> {
      if (cp < 128 && (Character.isLetterOrDigit(cp) || ALLOWED.indexOf(cp) >= 0)) {
        out.append((char) cp);
      } else {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
      }
    });
    return out.toString();
  }
}
