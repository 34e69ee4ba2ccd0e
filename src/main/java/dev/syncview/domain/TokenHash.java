package dev.syncview.domain;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** How a token is known on the topics: the lower-case hex SHA-256 of its UTF-8 bytes. */
public final class TokenHash {
  private TokenHash() {}

  public static String of(String token) {
    return HexFormat.of().formatHex(Sha256.of(token.getBytes(StandardCharsets.UTF_8)));
  }
}
