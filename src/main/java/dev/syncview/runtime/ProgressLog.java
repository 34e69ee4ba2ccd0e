package dev.syncview.runtime;

import dev.syncview.query.Progress.Work;
import dev.syncview.query.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The progress lines of the log: one per kind of work every {@link #EVERY_NANOS} while there is
 * work, one when it is all done, nothing while caught up. A live stream always has a few records
 * in flight, so replay counts as work only when its input lag is more than {@link
 * #BEHIND_SECONDS} seconds of reading at the current rate.
 */
final class ProgressLog {
  static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
  static final double BEHIND_SECONDS = 2;
  private boolean busy;
  private long lastLine;

  /** The lines to log now, given the latest sample; usually none. */
  List<String> next(long nanos, Progress p) {
    boolean restoring = p.restore().remaining() > 0;
    boolean replaying = behind(p.replay());
    List<String> lines = new ArrayList<>(2);
    if (!restoring && !replaying) {
      if (busy) {
        lines.add(String.format(Locale.ROOT, "progress: caught up; %d records restored, %d input records replayed since start",
            p.restore().done(), p.replay().done()));
      }
      busy = false;
      return lines;
    }
    if (busy && nanos - lastLine < EVERY_NANOS) {
      return lines;
    }
    busy = true;
    lastLine = nanos;
    if (restoring) {
      lines.add(line("restore", "records restored", p.restore(), ""));
    }
    if (replaying) {
      lines.add(line("replay", "input records read", p.replay(), " (" + p.betweenStages() + " between stages)"));
    }
    return lines;
  }

  static boolean behind(Work w) {
    return w.remaining() > Math.max(1, w.rate() * BEHIND_SECONDS);
  }

  private static String line(String what, String unit, Work w, String tail) {
    String eta = w.etaSeconds() == null ? "unknown" : w.etaSeconds() + " s";
    return String.format(Locale.ROOT, "%s progress: %d %s, %d remaining%s, %.1f records/s, ETA %s",
        what, w.done(), unit, w.remaining(), tail, w.rate(), eta);
  }
}
