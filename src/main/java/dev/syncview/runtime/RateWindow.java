package dev.syncview.runtime;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rate of a growing total over the last stretch of time: short enough to follow a change of pace,
 * long enough that one slow commit does not swing an ETA. Not thread-safe; one sampler feeds it.
 */
final class RateWindow {
  private record Sample(long nanos, long total) {}

  private final long windowNanos;
  private final Deque<Sample> samples = new ArrayDeque<>();

  RateWindow(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  void add(long nanos, long total) {
    samples.addLast(new Sample(nanos, total));
    // Keep the newest sample at or before the window's start, so the rate spans the whole window.
    while (samples.size() > 2 && secondOldest().nanos() <= nanos - windowNanos) {
      samples.removeFirst();
    }
  }

  /** Per second over the window; 0 until two samples exist. */
  double perSecond() {
    if (samples.size() < 2) {
      return 0;
    }
    Sample first = samples.peekFirst();
    Sample last = samples.peekLast();
    long nanos = last.nanos() - first.nanos();
    return nanos <= 0 ? 0 : (last.total() - first.total()) * 1e9 / nanos;
  }

  private Sample secondOldest() {
    var it = samples.iterator();
    it.next();
    return it.next();
  }
}
