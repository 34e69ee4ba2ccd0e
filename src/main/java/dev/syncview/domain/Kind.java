package dev.syncview.domain;

import java.util.Optional;

/**
 * The kind of an index job as listed: the key of its metadata object. {@code UNKNOWN} jobs (of a
 * file_upload source, or source-less jobs declaring "Unknown") match no {@code source_type} filter.
 */
public enum Kind {
  GITHUB("github", 1),
  WEB_SCRAPE("web_scrape", 2),
  S3("s3", 3),
  UNKNOWN("Unknown", 4);

  private final String wireName;
  private final byte code;

  Kind(String wireName, int code) {
    this.wireName = wireName;
    this.code = (byte) code;
  }

  public String wireName() {
    return wireName;
  }

  /** Stable one-byte code used in store keys; never reorder or reuse. */
  public byte code() {
    return code;
  }

  public boolean filterable() {
    return this != UNKNOWN;
  }

  public static Kind fromCode(byte code) {
    for (Kind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown kind code " + code);
  }

  /** The {@code source_type} query values: exactly github, web_scrape or s3, case-sensitive. */
  public static Optional<Kind> fromFilter(String value) {
    for (Kind k : values()) {
      if (k.filterable() && k.wireName.equals(value)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** Kind keys accepted in a source-less job's own metadata. */
  public static Optional<Kind> fromWireName(String value) {
    for (Kind k : values()) {
      if (k.wireName.equals(value)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
