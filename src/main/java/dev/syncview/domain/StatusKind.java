package dev.syncview.domain;

import java.util.Optional;

/** The status filter values of list_jobs; also a dimension of the listing indexes. */
public enum StatusKind {
  PENDING("pending", 1),
  PROCESSING("processing", 2),
  COMPLETE("complete", 3),
  FAILED("failed", 4),
  CANCELLED("cancelled", 5);

  private final String wireName;
  private final byte code;

  StatusKind(String wireName, int code) {
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

  public static StatusKind fromCode(byte code) {
    for (StatusKind s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status code " + code);
  }

  public static Optional<StatusKind> fromWireName(String value) {
    for (StatusKind s : values()) {
      if (s.wireName.equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
