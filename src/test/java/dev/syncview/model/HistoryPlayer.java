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

  /** Plays the prelude, then {@code steps}; timestamps count up from {@code firstTimestamp}. */
  static void play(Universe u, ReferenceModel model, List<Step> steps, long firstTimestamp, Sink sink) {
    Player player = new Player(u);
    List<Step> all = new ArrayList<>(prelude());
    all.addAll(steps);
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
