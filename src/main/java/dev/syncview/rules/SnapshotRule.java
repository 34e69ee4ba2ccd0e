package dev.syncview.rules;

import dev.syncview.domain.DeadLetterReason;
import dev.syncview.ingest.Decoded;

/**
 * The snapshot rule of events.md (rules 1, 2 and 5), once for every entity and every stage that
 * holds state: a delete is final; a tombstone, or a valid delete marker, deletes; a value whose
 * version cannot be read is dead-lettered; a snapshot not newer than the applied one is ignored,
 * even an invalid one; a newer invalid one is dead-lettered; a newer valid one applies. A stage
 * says what it holds for the record's id ({@link Held}) and acts on the {@link Verdict}.
 */
public final class SnapshotRule {
  public static final Held NOTHING = new Held.Nothing();
  public static final Held DELETED = new Held.Deleted();
  public static final Held ELSEWHERE = new Held.Elsewhere();

  private SnapshotRule() {}

  /** What a stage holds for an id when a record for it arrives. */
  public sealed interface Held {
    /** Nothing applied, nothing deleted. */
    record Nothing() implements Held {}

    /** Deleted for good. */
    record Deleted() implements Held {}

    /** A snapshot of this version applied. */
    record Applied(long version) implements Held {}

    /**
     * A snapshot applied at a version a later stage holds (a job's gate knows its tenant, the
     * view its version): staleness is judged there, with {@link #applies}.
     */
    record Elsewhere() implements Held {}
  }

  public static Held applied(long version) {
    return new Held.Applied(version);
  }

  /** What to do with a record. */
  public sealed interface Verdict<T> {
    /** Stale, or the id is deleted: nothing to do. */
    record Ignore<T>() implements Verdict<T> {}

    record Delete<T>() implements Verdict<T> {}

    record DeadLetter<T>(DeadLetterReason reason) implements Verdict<T> {}

    /**
     * An invalid snapshot whose staleness only a later stage can judge: dead-lettered there
     * unless {@link #applies} says it is stale.
     */
    record Refuse<T>(long version, DeadLetterReason reason) implements Verdict<T> {}

    record Apply<T>(long version, T value) implements Verdict<T> {}
  }

  public static <T> Verdict<T> judge(Held held, Decoded<T> record) {
    if (held instanceof Held.Deleted) {
      return new Verdict.Ignore<>();
    }
    if (record instanceof Decoded.Tombstone<T>) {
      return new Verdict.Delete<>();
    }
    if (record instanceof Decoded.Unreadable<T> u) {
      return new Verdict.DeadLetter<>(u.reason());
    }
    Decoded.Snapshot<T> s = (Decoded.Snapshot<T>) record;
    if (s.deleteMarker() && s.body() instanceof Decoded.Valid<T>) {
      return new Verdict.Delete<>();
    }
    if (!applies(held, s.version())) {
      return new Verdict.Ignore<>();
    }
    if (s.body() instanceof Decoded.Invalid<T> invalid) {
      return held instanceof Held.Elsewhere
          ? new Verdict.Refuse<>(s.version(), invalid.reason())
          : new Verdict.DeadLetter<>(invalid.reason());
    }
    return new Verdict.Apply<>(s.version(), ((Decoded.Valid<T>) s.body()).value());
  }

  /** Whether a snapshot of {@code version} is newer than what is held (never, once deleted). */
  public static boolean applies(Held held, long version) {
    if (held instanceof Held.Applied a) {
      return version > a.version();
    }
    return !(held instanceof Held.Deleted);
  }
}
