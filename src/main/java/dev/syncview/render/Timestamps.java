package dev.syncview.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The API's one timestamp form: UTC, {@code Z}, exactly three fraction digits. */
public final class Timestamps {
  private static final DateTimeFormatter FORM =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static String format(long epochMillis) {
    return FORM.format(Instant.ofEpochMilli(epochMillis));
  }
}
