package dev.syncview.topology;

import dev.syncview.domain.ApiKey;
import dev.syncview.domain.DeadLetterReason;
import dev.syncview.ingest.ApiKeyParser;
import dev.syncview.ingest.Decoded;
import dev.syncview.rules.SnapshotRule.Held;
import dev.syncview.rules.SnapshotRule.Verdict;
import dev.syncview.rules.SnapshotRule;
import dev.syncview.view.AuthEntry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * API keys, all in one task (keys are few and change rarely; one partition makes "one key per
 * token" a local decision). Versions and revocation work like the other gates. A token hash
 * belongs for ever to the key that claimed it first (earliest record timestamp, then smallest key
 * id): a snapshot of another key claiming it is dead-lettered ({@code duplicate-token}) and not
 * applied, and the key it would have replaced authenticates with nothing until a newer snapshot
 * of its own is applied. Owners are a function of the set of records, not of their arrival order,
 * so a replay ends as the live view did. The owner of each hash, while its key's snapshot holds
 * the hash, is published to the auth topic, which every instance reads into the global {@code
 * auth} store.
 */
final class KeyGate implements Processor<byte[], byte[], byte[], byte[]> {
  static final String TO_AUTH = Nodes.to(Nodes.KEY_GATE, "auth");
  static final String DEAD_LETTERS = Nodes.deadLetters(Nodes.KEY_GATE);
  private static final byte BY_ID = 'K';
  private static final byte BY_HASH = 'H';

  private ProcessorContext<byte[], byte[]> context;
  private KeyValueStore<Bytes, byte[]> keys;
  private long timestamp;

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.keys = context.getStateStore(StoreNames.KEY_GATE);
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    timestamp = rec.timestamp();
    String keyId = new String(rec.key(), StandardCharsets.UTF_8);
    KeyState state = state(keyId);
    Origin origin = Origin.of(rec);
    Decoded<ApiKey> decoded =
        origin.value() == null ? new Decoded.Tombstone<>() : ApiKeyParser.decode(keyId, origin.value());
    Verdict<ApiKey> verdict = SnapshotRule.judge(held(state), decoded);
    if (verdict instanceof Verdict.Delete<ApiKey>) {
      revoke(keyId, state);
    } else if (verdict instanceof Verdict.DeadLetter<ApiKey> d) {
      deadLetter(origin, d.reason());
    } else if (verdict instanceof Verdict.Apply<ApiKey> a) {
      apply(a.value(), state, origin);
    }
  }

  private static Held held(KeyState state) {
    if (state == null) {
      return SnapshotRule.NOTHING;
    }
    return state.revoked() ? SnapshotRule.DELETED : SnapshotRule.applied(state.version());
  }

  private void apply(ApiKey key, KeyState previous, Origin origin) {
    String hash = key.tokenSha256();
    TokenOwner owner = owner(hash);
    TokenOwner claim = new TokenOwner(key.id(), origin.timestamp());
    boolean heldByAnother = owner != null && !owner.keyId().equals(key.id());
    if (heldByAnother && !claim.before(owner)) {
      deadLetter(origin, DeadLetterReason.DUPLICATE_TOKEN);
      supersede(key.id(), previous, KeyState.refused(key.version()));
      return;
    }
    // past here another holder claimed later: this key takes the hash over
    if (owner == null || claim.before(owner)) {
      keys.put(byHash(hash), claim.encode());
    }
    if (heldByAnother) {
      displace(owner.keyId(), hash);
    }
    supersede(key.id(), previous, new KeyState(false, key.version(), key.tenant(), hash, key.databases(), origin));
    publish(hash);
  }

  /**
   * A key that claimed the token earlier has just arrived: the key holding it now gives it up, and
   * its current snapshot, which claimed a token already taken, is dead-lettered after all.
   */
  private void displace(String keyId, String hash) {
    KeyState held = state(keyId);
    if (held != null && held.live() && held.tokenSha256().equals(hash)) {
      deadLetter(held.origin(), DeadLetterReason.DUPLICATE_TOKEN);
      keys.put(byId(keyId), KeyState.refused(held.version()).encode());
    }
  }

  private void revoke(String keyId, KeyState state) {
    supersede(keyId, state, KeyState.revokedMarker());
  }

  /** Replaces a key's state; the token it held before no longer authenticates it. */
  private void supersede(String keyId, KeyState previous, KeyState next) {
    keys.put(byId(keyId), next.encode());
    if (previous != null && previous.live() && !previous.tokenSha256().equals(next.tokenSha256())) {
      publish(previous.tokenSha256());
    }
  }

  /** Publishes who authenticates with {@code hash}: its owner while the owner's snapshot holds it. */
  private void publish(String hash) {
    TokenOwner owner = owner(hash);
    KeyState s = owner == null ? null : state(owner.keyId());
    byte[] value =
        s != null && s.live() && s.tokenSha256().equals(hash)
            ? new AuthEntry(owner.keyId(), s.tenant(), s.databases()).encode()
            : null;
    context.forward(
        new Record<>(hash.getBytes(StandardCharsets.US_ASCII), value, timestamp), TO_AUTH);
  }

  private TokenOwner owner(String hash) {
    byte[] b = keys.get(byHash(hash));
    return b == null ? null : TokenOwner.decode(b);
  }

  private KeyState state(String keyId) {
    byte[] b = keys.get(byId(keyId));
    return b == null ? null : KeyState.decode(b);
  }

  private void deadLetter(Origin origin, DeadLetterReason reason) {
    context.forward(DeadLetters.of(origin, reason), DEAD_LETTERS);
  }

  private static Bytes byId(String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[1 + id.length];
    k[0] = BY_ID;
    System.arraycopy(id, 0, k, 1, id.length);
    return Bytes.wrap(k);
  }

  private static Bytes byHash(String hash) {
    byte[] h = hash.getBytes(StandardCharsets.US_ASCII);
    byte[] k = new byte[1 + h.length];
    k[0] = BY_HASH;
    System.arraycopy(h, 0, k, 1, h.length);
    return Bytes.wrap(k);
  }
}
