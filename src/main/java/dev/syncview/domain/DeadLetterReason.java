package dev.syncview.domain;

/** Why a record was dead-lettered; {@link #wireName()} is the {@code dlq.reason} header value. */
public enum DeadLetterReason {
  MALFORMED_JSON("malformed-json"),
  MISSING_FIELD("missing-field"),
  INVALID_FIELD("invalid-field"),
  INVALID_UUID("invalid-uuid"),
  INVALID_TIMESTAMP("invalid-timestamp"),
  KEY_MISMATCH("key-mismatch"),
  TYPE_KEYS("type-keys"),
  UNKNOWN_STATUS("unknown-status"),
  TENANT_MISMATCH("tenant-mismatch"),
  DUPLICATE_TOKEN("duplicate-token"),
  TOO_LARGE("too-large");

  private final String wireName;

  DeadLetterReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
