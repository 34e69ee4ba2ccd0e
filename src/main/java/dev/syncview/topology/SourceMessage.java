package dev.syncview.topology;

import dev.syncview.domain.SourceFacts;
import dev.syncview.domain.SourceType;
import dev.syncview.view.Bin;
import dev.syncview.view.FactsValue;

/**
 * What the source gate tells the view partitions about an applied source change (type codes from
 * 11, so a view partition tells them from a {@link GateMessage} by the first byte). Facts and final
 * deletes go to every partition (a job may wait for or name a source in any); the served Source
 * object goes to its tenant's partition only (SourceMessagePartitioner).
 */
sealed interface SourceMessage {

  byte[] encode();

  record Facts(long version, SourceFacts facts) implements SourceMessage {
    public byte[] encode() {
      Bin.Writer w = new Bin.Writer(128).u8(11).i64(version);
      FactsValue.writeFacts(w, facts);
      return w.toByteArray();
    }
  }

  record Gone(String sourceId) implements SourceMessage {
    public byte[] encode() {
      return new Bin.Writer(48).u8(12).str(sourceId).toByteArray();
    }
  }

  record Served(String sourceId, String databaseName, SourceType type, byte[] sourceJson) implements SourceMessage {
    public byte[] encode() {
      return new Bin.Writer(64 + sourceJson.length)
          .u8(13).str(sourceId).str(databaseName).u8(type.ordinal()).bytes(sourceJson).toByteArray();
    }
  }

  record Unserved(String sourceId) implements SourceMessage {
    public byte[] encode() {
      return new Bin.Writer(48).u8(14).str(sourceId).toByteArray();
    }
  }

  static SourceMessage decode(byte[] bytes) {
    Bin.Reader r = new Bin.Reader(bytes);
    int type = r.u8();
    return switch (type) {
      case 11 -> new Facts(r.i64(), FactsValue.readFacts(r));
      case 12 -> new Gone(r.str());
      case 13 -> new Served(r.str(), r.str(), SourceType.values()[r.u8()], r.bytes());
      case 14 -> new Unserved(r.str());
      default -> throw new IllegalArgumentException("unknown source message type " + type);
    };
  }

  /** Whether every view partition takes an encoded message (facts, deletes), read from its type byte. */
  static boolean everywhere(byte[] bytes) {
    return bytes[0] == 11 || bytes[0] == 12;
  }
}
