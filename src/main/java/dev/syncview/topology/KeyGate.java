package dev.syncview.topology;

import dev.syncview.domain.ApiKey;
import dev.syncview.domain.DeadLetterReason;
import dev.syncview.ingest.ApiKeyParser;
import dev.syncview.ingest.Decoded;
import dev.syncview.view.AuthEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * API keys, all in one task (keys are few and change rarely; one partition makes "one live key per
 * token" a local decision). Versions and revocation work like the other gates. Among live keys
 * holding one token hash the one that claimed it first (record timestamp, then key id) wins, so a
 * replay decides as the live view did; the loser's record is dead-lettered ({@code
 * duplicate-token}) when the conflict is found. The winner per hash is published to the auth topic,
 * which every instance reads into the global {@code auth} store.
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
    if (state != null && state.revoked()) {
      return;
    }
    Origin origin = Origin.of(rec);
    Decoded<ApiKey> decoded =
        origin.value() == null ? new Decoded.Tombstone<>() : ApiKeyParser.decode(keyId, origin.value());
    if (decoded instanceof Decoded.Tombstone<ApiKey>) {
      revoke(keyId, state);
    } else if (decoded instanceof Decoded.Unreadable<ApiKey> u) {
      deadLetter(origin, u.reason());
    } else if (decoded instanceof Decoded.Snapshot<ApiKey> s) {
      boolean valid = s.body() instanceof Decoded.Valid<ApiKey>;
      if (s.deleteMarker() && valid) {
        revoke(keyId, state);
      } else if (state != null && s.version() <= state.version()) {
        return;
      } else if (s.body() instanceof Decoded.Invalid<ApiKey> invalid) {
        deadLetter(origin, invalid.reason());
      } else {
        apply(((Decoded.Valid<ApiKey>) s.body()).value(), state, origin);
      }
    }
  }

  private void apply(ApiKey key, KeyState previous, Origin origin) {
    String hash = key.tokenSha256();
    boolean sameHash = previous != null && previous.tokenSha256().equals(hash);
    long claimedAt = sameHash ? previous.claimedAt() : origin.timestamp();
    String winnerBefore = winner(hash);
    if (previous != null && !sameHash) {
      keys.delete(byHash(previous.tokenSha256(), key.id()));
      publish(previous.tokenSha256());
    }
    keys.put(byId(key.id()), new KeyState(false, key.version(), key.tenant(), hash, key.databases(), claimedAt, origin).encode());
    keys.put(byHash(hash, key.id()), new byte[0]);
    String winnerAfter = winner(hash);
    if (!winnerAfter.equals(key.id())) {
      deadLetter(origin, DeadLetterReason.DUPLICATE_TOKEN);
    } else if (winnerBefore != null && !winnerBefore.equals(key.id())) {
      deadLetter(state(winnerBefore).origin(), DeadLetterReason.DUPLICATE_TOKEN);
    }
    publish(hash);
  }

  private void revoke(String keyId, KeyState state) {
    keys.put(byId(keyId), KeyState.revokedMarker().encode());
    if (state != null) {
      keys.delete(byHash(state.tokenSha256(), keyId));
      publish(state.tokenSha256());
    }
  }

  /** The live key that authenticates with {@code hash}: first claim, then smallest key id. */
  private String winner(String hash) {
    String best = null;
    KeyState bestState = null;
    byte[] prefix = byHashPrefix(hash);
    try (KeyValueIterator<Bytes, byte[]> it =
        keys.prefixScan(Bytes.wrap(prefix), new BytesSerializer())) {
      while (it.hasNext()) {
        byte[] k = it.next().key.get();
        String id = new String(k, prefix.length, k.length - prefix.length, StandardCharsets.UTF_8);
        KeyState s = state(id);
        if (best == null
            || s.claimedAt() < bestState.claimedAt()
            || (s.claimedAt() == bestState.claimedAt() && id.compareTo(best) < 0)) {
          best = id;
          bestState = s;
        }
      }
    }
    return best;
  }

  private void publish(String hash) {
    String winner = winner(hash);
    byte[] value = null;
    if (winner != null) {
      KeyState s = state(winner);
      value = new AuthEntry(winner, s.tenant(), s.databases()).encode();
    }
    context.forward(
        new Record<>(hash.getBytes(StandardCharsets.US_ASCII), value, timestamp), TO_AUTH);
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

  private static byte[] byHashPrefix(String hash) {
    byte[] h = hash.getBytes(StandardCharsets.US_ASCII);
    byte[] k = new byte[1 + h.length];
    k[0] = BY_HASH;
    System.arraycopy(h, 0, k, 1, h.length);
    return k;
  }

  private static Bytes byHash(String hash, String keyId) {
    byte[] prefix = byHashPrefix(hash);
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    byte[] k = Arrays.copyOf(prefix, prefix.length + id.length);
    System.arraycopy(id, 0, k, prefix.length, id.length);
    return Bytes.wrap(k);
  }
}
