package dev.syncview.view;

import dev.syncview.domain.SourceType;

/**
 * A change to one tenant's view, sent to the view stage keyed by tenant. Rows carry their owner
 * (source id, or null for a source-less job) and the job version, so the view stage can apply
 * changes from different owners in any interleaving and still end in the right state.
 */
public sealed interface ViewChange {

  byte[] encode();

  record RowUpsert(long version, String owner, RowAttrs attrs, byte[] itemJson)
      implements ViewChange {
    public byte[] encode() {
      Bin.Writer w = new Bin.Writer(80 + itemJson.length).u8(1).i64(version).str(owner);
      attrs.write(w);
      return w.bytes(itemJson).toByteArray();
    }
  }

  /** The job left {@code owner} (moved, deleted, hidden) as of {@code version}. */
  record RowRemove(String jobId, long version, String owner) implements ViewChange {
    public byte[] encode() {
      return new Bin.Writer(64).u8(2).str(jobId).i64(version).str(owner).toByteArray();
    }
  }

  record SourceUpsert(String sourceId, String databaseName, SourceType type, byte[] sourceJson)
      implements ViewChange {
    public byte[] encode() {
      return new Bin.Writer(64 + sourceJson.length)
          .u8(3)
          .str(sourceId)
          .str(databaseName)
          .u8(type.ordinal())
          .bytes(sourceJson)
          .toByteArray();
    }
  }

  record SourceRemove(String sourceId) implements ViewChange {
    public byte[] encode() {
      return new Bin.Writer(40).u8(4).str(sourceId).toByteArray();
    }
  }

  public static ViewChange decode(byte[] bytes) {
    Bin.Reader r = new Bin.Reader(bytes);
    int type = r.u8();
    return switch (type) {
      case 1 -> new RowUpsert(r.i64(), r.str(), RowAttrs.read(r), r.bytes());
      case 2 -> new RowRemove(r.str(), r.i64(), r.str());
      case 3 -> new SourceUpsert(r.str(), r.str(), SourceType.values()[r.u8()], r.bytes());
      case 4 -> new SourceRemove(r.str());
      default -> throw new IllegalArgumentException("unknown view change type " + type);
    };
  }
}
