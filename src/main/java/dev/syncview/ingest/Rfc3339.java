package dev.syncview.ingest;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3339 timestamps with a mandatory offset and any number of fraction digits, converted to UTC
 * epoch milliseconds and truncated.
 * Leap seconds and UTC years outside 0000..9999 are refused: they cannot be rendered in the API's
 * fixed {@code yyyy-MM-ddTHH:mm:ss.SSSZ} form.
 */
public final class Rfc3339 {
  private static final Pattern FORM =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?"
              + "(?:[Zz]|([+-])(\\d{2}):(\\d{2}))");
  private static final long MIN_MILLIS = -62167219200000L; // 0000-01-01T00:00:00Z
  private static final long MAX_MILLIS = 253402300799999L; // 9999-12-31T23:59:59.999Z

  private Rfc3339() {}

  /** Epoch milliseconds, or null when {@code text} is not such a timestamp. */
  public static Long parseMillis(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return null;
    }
    try {
      int nanos = fractionNanos(m.group(7));
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)),
              nanos);
      // RFC 3339 offsets go to +-23:59; java.time's ZoneOffset stops at 18:00, so apply it by hand.
      long millis = local.toInstant(ZoneOffset.UTC).toEpochMilli() - offsetSeconds(m) * 1000L;
      return millis < MIN_MILLIS || millis > MAX_MILLIS ? null : millis;
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int fractionNanos(String digits) {
    if (digits == null) {
      return 0;
    }
    String nine = digits.length() >= 9 ? digits.substring(0, 9) : (digits + "000000000").substring(0, 9);
    return Integer.parseInt(nine);
  }

  private static long offsetSeconds(Matcher m) {
    if (m.group(8) == null) {
      return 0;
    }
    int hours = Integer.parseInt(m.group(9));
    int minutes = Integer.parseInt(m.group(10));
    if (hours > 23 || minutes > 59) {
      throw new DateTimeException("offset out of range");
    }
    int sign = m.group(8).equals("-") ? -1 : 1;
    return sign * (hours * 3600L + minutes * 60L);
  }
}
