package dev.syncview.tools;

import dev.syncview.domain.ApiKey;
import dev.syncview.ingest.ApiKeyParser;
import dev.syncview.ingest.Decoded;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state of every key id on the key topic, folded with the view's own rules (docs/events.md):
 * revocation (tombstone or {@code revoked: true}) is final, stale versions and records the view
 * dead-letters change nothing. So what {@code keys list} shows is what the service applies.
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
    if (id.isEmpty() || known != null && known.revoked()) {
      return;
    }
    Decoded<ApiKey> d = ApiKeyParser.decode(id, value);
    if (d instanceof Decoded.Tombstone<ApiKey>) {
      keys.put(id, revoked(id, known));
    } else if (d instanceof Decoded.Snapshot<ApiKey> s
        && s.body() instanceof Decoded.Valid<ApiKey> v
        && (s.deleteMarker() || known == null || s.version() > known.version())) {
      long version = known == null ? s.version() : Math.max(known.version(), s.version());
      keys.put(id, new KeyState(id, Optional.of(v.value()), s.deleteMarker(), version));
    }
  }

  private static KeyState revoked(String id, KeyState known) {
    return known == null
        ? new KeyState(id, Optional.empty(), true, 0)
        : new KeyState(id, known.last(), true, known.version());
  }
}
