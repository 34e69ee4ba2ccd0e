package dev.syncview.view;

/**
 * The value under a job's row key. A live row holds the rendered item and the attributes its index
 * entries were built from; a removed row stays as a marker holding the highest version seen, so a
 * late message from the job's previous owner cannot bring an older version back.
 *
 * @param owner the source whose stage sent the row, or null for a source-less job
 */
public record RowValue(long version, String owner, RowAttrs attrs, byte[] itemJson) {

  public static RowValue marker(long version, String owner) {
    return new RowValue(version, owner, null, null);
  }

  public boolean live() {
    return attrs != null;
  }

  public byte[] encode() {
    Bin.Writer w = new Bin.Writer(64 + (itemJson == null ? 0 : itemJson.length));
    w.bool(live()).i64(version).str(owner);
    if (live()) {
      attrs.write(w);
      w.bytes(itemJson);
    }
    return w.toByteArray();
  }

  public static RowValue decode(byte[] bytes) {
    Bin.Reader r = new Bin.Reader(bytes);
    boolean live = r.bool();
    long version = r.i64();
    String owner = r.str();
    if (!live) {
      return marker(version, owner);
    }
    RowAttrs attrs = RowAttrs.read(r);
    return new RowValue(version, owner, attrs, r.bytes());
  }
}
