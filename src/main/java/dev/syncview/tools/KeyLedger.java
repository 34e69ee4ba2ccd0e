package dev.syncview.tools;

import dev.syncview.domain.ApiKey;
import dev.syncview.ingest.ApiKeyParser;
import dev.syncview.ingest.Decoded;
import dev.syncview.rules.SnapshotRule;
import dev.syncview.rules.SnapshotRule.Held;
import dev.syncview.rules.SnapshotRule.Verdict;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state of every key id on the key topic, folded with the view's own snapshot rule
 * ({@link SnapshotRule}): revocation (tombstone or {@code revoked: true}) is final, stale versions
 * and records the view dead-letters change nothing. So what {@code keys list} shows is what the
 * service applies.
 * Duplicate-token losers are not modelled: the CLI's tokens are random and never collide.
 */
public final class KeyLedger {
  /**
   * @param last the newest accepted snapshot; empty for a key known only from a tombstone
   * @param version the highest applied version (0 if none)
   */
  public record KeyState(String id, Optional<ApiKey> last, boolean revoked, long version) {}

  private final TreeMap<String, KeyState> keys = new TreeMap<>();

  private KeyLedger() {}

  public static KeyLedger of(List<KeyTopic.Entry> records) {
    KeyLedger ledger = new KeyLedger();
    records.forEach(r -> ledger.apply(r.key(), r.value()));
    return ledger;
  }

  /** Every key id ever seen, revoked ones included, in id order. */
  public Collection<KeyState> keys() {
    return keys.values();
  }

  public Optional<KeyState> get(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  private void apply(String id, byte[] value) {
    KeyState known = keys.get(id);
    if (id.isEmpty()) {
      return;
    }
    Decoded<ApiKey> d = ApiKeyParser.decode(id, value);
    Verdict<ApiKey> verdict = SnapshotRule.judge(held(known), d);
    if (verdict instanceof Verdict.Apply<ApiKey> a) {
      keys.put(id, new KeyState(id, Optional.of(a.value()), false, a.version()));
    } else if (verdict instanceof Verdict.Delete<ApiKey>) {
      keys.put(id, revoked(id, known, d));
    }
  }

  private static Held held(KeyState known) {
    if (known == null) {
      return SnapshotRule.NOTHING;
    }
    return known.revoked() ? SnapshotRule.DELETED : SnapshotRule.applied(known.version());
  }

  /** A revoked key shows the snapshot that revoked it, or else the last one before. */
  private static KeyState revoked(String id, KeyState known, Decoded<ApiKey> d) {
    long version = known == null ? 0 : known.version();
    if (d instanceof Decoded.Snapshot<ApiKey> s && s.body() instanceof Decoded.Valid<ApiKey> marker) {
      return new KeyState(id, Optional.of(marker.value()), true, Math.max(version, s.version()));
    }
    return new KeyState(id, known == null ? Optional.empty() : known.last(), true, version);
  }
}
