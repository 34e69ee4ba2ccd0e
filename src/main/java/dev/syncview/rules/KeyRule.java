package dev.syncview.rules;

import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.Uuids;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** What a topic's record keys must be, and the dead-letter reason when they are not. */
public enum KeyRule {
  /** Sources and jobs: a UUID in any case, normalized to lower case. */
  UUID(DeadLetterReason.INVALID_UUID),
  /** API keys: any non-empty UTF-8 text, used as is. */
  TEXT(DeadLetterReason.KEY_MISMATCH);

  private final DeadLetterReason reason;

  KeyRule(DeadLetterReason reason) {
    this.reason = reason;
  }

  /** The dead-letter reason of a key that names no entity. */
  public DeadLetterReason reason() {
    return reason;
  }

  /** The entity id this key names, or null when it names none. */
  public String normalize(byte[] key) {
    String text = strictUtf8(key);
    if (text == null || text.isEmpty()) {
      return null;
    }
    return this == UUID ? Uuids.normalize(text) : text;
  }

  private static String strictUtf8(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
