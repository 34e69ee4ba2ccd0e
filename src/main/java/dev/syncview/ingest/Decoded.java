package dev.syncview.ingest;

import dev.syncview.domain.DeadLetterReason;

/**
 * A record read far enough to apply the event rules in their order: a tombstone, a value whose
 * version cannot be read (dead-lettered whatever the state), or a versioned snapshot whose body is
 * valid or not. The gate decides staleness before it looks at the body.
 */
public sealed interface Decoded<T> {

  record Tombstone<T>() implements Decoded<T> {}

  record Unreadable<T>(DeadLetterReason reason, String message) implements Decoded<T> {}

  /**
   * @param deleteMarker true for a {@code deleted: true} source or a {@code revoked: true} key
   */
  record Snapshot<T>(long version, boolean deleteMarker, Body<T> body) implements Decoded<T> {}

  sealed interface Body<T> {}

  record Valid<T>(T value) implements Body<T> {}

  record Invalid<T>(DeadLetterReason reason, String message) implements Body<T> {}
}
