package dev.syncview.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays steps into a record sink (the topology, or a Kafka producer) and into the model, in the
 * same order and with the same record timestamps. A repeat replays an earlier record unchanged.
 */
final class HistoryPlayer {
  interface Sink {
    void send(String topic, byte[] key, byte[] value, long timestamp);
  }

  private HistoryPlayer() {}

  /** One key per token to start with, so most queries authenticate; steps may change them. */
  static List<Step> prelude() {
    List<Step> keys = new ArrayList<>();
    for (int i = 0; i < Universe.TOKENS; i++) {
      keys.add(new Step.KeySnap(i, i % Universe.TENANTS, i, i == 3 ? 2 : 0, false, 1));
    }
    return keys;
  }

  /** A burst as the steps it stands for; any other step as itself. */
  static List<Step> expanded(Step step) {
    if (!(step instanceof Step.Burst b)) {
      return List.of(step);
    }
    List<Step> out = new ArrayList<>();
    out.add(new Step.SourceSnap(b.source(), false, b.source() % Universe.DATABASES, false, 7, false, 0, false));
    int firstTime = b.aroundEpoch() ? Universe.COMPUTED_EPOCH : Universe.COMPUTED;
    for (int k = 0; k < b.count(); k++) {
      out.add(new Step.JobSnap(
          BURST_JOBS + k, b.source(), false, 1, k % Player.STATUSES.length, firstTime + k / 2,
          true, true, k % 4, 0, 0, k % 3 == 0, false));
    }
    return out;
  }

  /** Job indexes of bursts, apart from the generated ones. */
  static final int BURST_JOBS = 100;

  /** Plays the prelude, then {@code steps}; timestamps count up from {@code firstTimestamp}. */
  static void play(Universe u, ReferenceModel model, List<Step> steps, long firstTimestamp, Sink sink) {
    Player player = new Player(u);
    List<Step> all = new ArrayList<>(prelude());
    steps.forEach(step -> all.addAll(expanded(step)));
    List<Step> played = new ArrayList<>();
    List<Long> stamps = new ArrayList<>();
    long ts = firstTimestamp;
    for (Step step : all) {
      Step actual = step;
      long stamp = ts++;
      if (step instanceof Step.Repeat r) {
        if (played.isEmpty()) {
          continue;
        }
        int i = Math.max(0, played.size() - 1 - r.back() % played.size());
        actual = played.get(i);
        stamp = stamps.get(i);
      }
      Player.Rec rec = player.record(actual);
      sink.send(rec.topic(), rec.key(), rec.value(), stamp);
      model.apply(actual, stamp);
      played.add(actual);
      stamps.add(stamp);
    }
  }
}
