package dev.syncview.query;

/**
 * How far this instance is from serving everything it holds: the store partitions it restores
 * from their changelogs, and the records its view has yet to apply (the replay). Replay done counts
 * the input records read; remaining, the records not read yet on the inputs and on the internal
 * topics between the stages (the lag of {@code /health}), of which {@code betweenStages} are on
 * the internal topics (and the auth topic); its rate is how fast remaining falls.
 */
public record Progress(Phase phase, Work restore, Work replay, long betweenStages) {
  /** Nothing known yet: the client does not exist or has not reported. */
  public static final Progress UNKNOWN = new Progress(Phase.STARTING, Work.NONE, Work.NONE, 0);

  /** What the instance is busy with, most urgent first. */
  public enum Phase {
    STOPPED("stopped"),
    RESTORING("restoring"),
    REPLAYING("replaying"),
    STARTING("starting"),
    REBALANCING("rebalancing"),
    CAUGHT_UP("caught_up");

    private final String wire;

    Phase(String wire) {
      this.wire = wire;
    }

    /** The name in JSON answers (lower case, as the rest of the API). */
    @Override
    public String toString() {
      return wire;
    }
  }

  /**
   * @param done records handled since the service started
   * @param remaining records still to handle, as of the last sample
   * @param rate records per second over the recent window (for the replay, how fast remaining
   *     falls; 0 while it does not)
   * @param etaSeconds remaining / rate rounded up; null while no rate is known and work remains
   */
  public record Work(long done, long remaining, double rate, Long etaSeconds) {
    public static final Work NONE = new Work(0, 0, 0, 0L);

    public static Work of(long done, long remaining, double rate) {
      Long eta;
      if (remaining <= 0) {
        eta = 0L;
      } else if (rate <= 0) {
        eta = null;
      } else {
        eta = (long) Math.ceil(remaining / rate);
      }
      return new Work(done, Math.max(0, remaining), Math.round(rate * 10) / 10.0, eta);
    }
  }

  /**
   * The work of the current phase: restore while restoring, the replay otherwise. While starting
   * nothing is known yet (the lag of a partition shows once it is first fetched), so its ETA is
   * null rather than a 0 that would read as done.
   */
  public Work current() {
    if (phase == Phase.STARTING) {
      return new Work(replay.done(), replay.remaining(), replay.rate(), null);
    }
    return phase == Phase.RESTORING ? restore : replay;
  }
}
