package dev.syncview.domain;

import java.nio.charset.StandardCharsets;

/** Canonical 8-4-4-4-12 UUID text, any case in, lower case out. */
public final class Uuids {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private Uuids() {}

  /** Returns the lower-case form, or null when {@code text} is not a canonical UUID. */
  public static String normalize(String text) {
    if (text == null || text.length() != 36) {
      return null;
    }
    char[] out = new char[36];
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return null;
        }
        out[i] = c;
      } else if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
        out[i] = c;
      } else if (c >= 'A' && c <= 'F') {
        out[i] = (char) (c + ('a' - 'A'));
      } else {
        return null;
      }
    }
    return new String(out);
  }

  /** The 16 big-endian bytes of a normalized UUID: their unsigned order is its text order. */
  public static byte[] toBytes(String normalized) {
    byte[] out = new byte[16];
    int j = 0;
    for (int i = 0; i < 36; i++) {
      char c = normalized.charAt(i);
      if (c == '-') {
        continue;
      }
      int nibble = Character.digit(c, 16);
      out[j / 2] |= (byte) ((j % 2 == 0) ? nibble << 4 : nibble);
      j++;
    }
    return out;
  }

  public static String fromBytes(byte[] bytes, int offset) {
    byte[] text = new byte[36];
    int j = 0;
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        text[j++] = '-';
      }
      int b = bytes[offset + i] & 0xff;
      text[j++] = HEX[b >> 4];
      text[j++] = HEX[b & 0xf];
    }
    return new String(text, StandardCharsets.ISO_8859_1);
  }
}
