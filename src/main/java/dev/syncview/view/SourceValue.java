package dev.syncview.view;

import dev.syncview.domain.SourceType;

/** The value under a live source's key: what get-source and the source filters need. */
public record SourceValue(String databaseName, SourceType type, byte[] sourceJson) {

  public byte[] encode() {
    return new Bin.Writer(16 + sourceJson.length)
        .str(databaseName)
        .u8(type.ordinal())
        .bytes(sourceJson)
        .toByteArray();
  }

  public static SourceValue decode(byte[] bytes) {
    Bin.Reader r = new Bin.Reader(bytes);
    return new SourceValue(r.str(), SourceType.values()[r.u8()], r.bytes());
  }
}
