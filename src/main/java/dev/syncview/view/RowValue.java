package dev.syncview.view;

/**
 * The value under a job's row key: the newest accepted snapshot of the job and what it came to.
 * Only a {@link State#LISTED} row has index entries; its item is what every route serves. A row
 * keeps what a later source change needs: the parsed job of a listed or waiting row (to render it
 * again or join it), and for a waiting row the original record (to dead-letter it byte for byte if
 * its source rejects it) and its source id. The other states keep only the version, so a stale or
 * repeated snapshot is still recognized.
 *
 * @param attrs for a listed row only
 * @param itemJson for a listed row only
 * @param job the job in JobCodec form, for listed and waiting rows
 * @param origin the original record (encoded by the topology), for a waiting row only
 * @param waitingFor the source a waiting row waits for
 */
public record RowValue(
    State state, long version, RowAttrs attrs, byte[] itemJson, byte[] job, byte[] origin, String waitingFor) {

  /** Codes are persisted: never renumber. */
  public enum State {
    /** Joined with its source (or source-less) and listed. */
    LISTED(1),
    /** Its source has not arrived yet. */
    WAITING(2),
    /** Its source was deleted: never listed again. */
    HIDDEN(3),
    /** Refused by its source (tenant, kind fields) and dead-lettered. */
    REJECTED(4),
    /** Deleted for good: later snapshots of the job are ignored. */
    DELETED(5);

    final int code;

    State(int code) {
      this.code = code;
    }

    private static final State[] ALL = values();

    static State of(int code) {
      for (State s : ALL) {
        if (s.code == code) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown row state " + code);
    }
  }

  public static RowValue listed(long version, RowAttrs attrs, byte[] itemJson, byte[] job) {
    return new RowValue(State.LISTED, version, attrs, itemJson, job, null, null);
  }

  public static RowValue waiting(long version, byte[] job, byte[] origin, String sourceId) {
    return new RowValue(State.WAITING, version, null, null, job, origin, sourceId);
  }

  /** A row that only remembers its version: hidden, rejected or deleted. */
  public static RowValue only(State state, long version) {
    return new RowValue(state, version, null, null, null, null, null);
  }

  public boolean live() {
    return state == State.LISTED;
  }

  public boolean deleted() {
    return state == State.DELETED;
  }

  /** The source whose changes this row follows (listed or waiting), or null. */
  public String sourceId() {
    return live() ? attrs.sourceId() : waitingFor;
  }

  public byte[] encode() {
    int size = 32 + length(itemJson) + length(job) + length(origin);
    Bin.Writer w = new Bin.Writer(size).u8(state.code).i64(version);
    switch (state) {
      case LISTED -> {
        attrs.write(w);
        w.bytes(itemJson).bytes(job);
      }
      case WAITING -> w.bytes(job).bytes(origin).str(waitingFor);
      default -> { }
    }
    return w.toByteArray();
  }

  public static RowValue decode(byte[] bytes) {
    Bin.Reader r = new Bin.Reader(bytes);
    State state = State.of(r.u8());
    long version = r.i64();
    return switch (state) {
      case LISTED -> new RowValue(state, version, RowAttrs.read(r), r.bytes(), r.bytes(), null, null);
      case WAITING -> new RowValue(state, version, null, null, r.bytes(), r.bytes(), r.str());
      default -> only(state, version);
    };
  }

  private static int length(byte[] b) {
    return b == null ? 0 : b.length + 4;
  }
}
