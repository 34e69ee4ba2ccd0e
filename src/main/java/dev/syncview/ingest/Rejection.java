package dev.syncview.ingest;

import dev.syncview.domain.DeadLetterReason;

/**
 * Thrown inside the parsers when a record breaks the event contract; never escapes this package.
 * Carries no stack trace: it is control flow for bad input, which may be frequent.
 */
final class Rejection extends RuntimeException {
  private final DeadLetterReason reason;

  Rejection(DeadLetterReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  DeadLetterReason reason() {
    return reason;
  }
}
