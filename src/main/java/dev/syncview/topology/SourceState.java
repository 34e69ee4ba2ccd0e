package dev.syncview.topology;

import dev.syncview.domain.SourceFacts;
import dev.syncview.domain.SourceType;
import dev.syncview.view.Bin;

/** What the source stage remembers per source id: version and facts, or a final delete. */
record SourceState(boolean deleted, long version, SourceFacts facts) {

  static SourceState deletedMarker() {
    return new SourceState(true, 0, null);
  }

  boolean live() {
    return !deleted;
  }

  byte[] encode() {
    Bin.Writer w = new Bin.Writer(96).bool(deleted).i64(version);
    if (!deleted) {
      w.str(facts.id()).str(facts.tenant()).str(facts.databaseName()).u8(facts.type().ordinal());
      w.str(facts.s3BucketName()).str(facts.s3CollectionName());
    }
    return w.toByteArray();
  }

  static SourceState decode(byte[] b) {
    Bin.Reader r = new Bin.Reader(b);
    boolean deleted = r.bool();
    long version = r.i64();
    if (deleted) {
      return deletedMarker();
    }
    SourceFacts facts =
        new SourceFacts(
            r.str(), r.str(), r.str(), SourceType.values()[r.u8()], r.str(), r.str());
    return new SourceState(false, version, facts);
  }
}
