package dev.syncview.ingest;

import dev.syncview.domain.DeadLetterReason;

/** String rules shared by the parsers. */
final class Strings {
  private Strings() {}

  /** Lone UTF-16 surrogates cannot be written back as UTF-8: such a value is refused. */
  static void requireWellFormed(String s, String field) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw invalid(field);
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw invalid(field);
      }
    }
  }

  static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  private static Rejection invalid(String field) {
    return new Rejection(DeadLetterReason.INVALID_FIELD, field + " is not valid Unicode text");
  }
}
