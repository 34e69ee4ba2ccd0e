package dev.syncview.view;

import dev.syncview.domain.SourceFacts;
import dev.syncview.domain.SourceType;

/**
 * A source as the projection remembers it: its applied version and facts, or a final delete. The
 * source gate keeps one per source id; every view partition keeps a copy of each, for the jobs
 * that name the source.
 */
public record FactsValue(boolean deleted, long version, SourceFacts facts) {

  public static FactsValue deletedMarker() {
    return new FactsValue(true, 0, null);
  }

  public boolean live() {
    return !deleted;
  }

  public byte[] encode() {
    Bin.Writer w = new Bin.Writer(96).bool(deleted).i64(version);
    if (!deleted) {
      writeFacts(w, facts);
    }
    return w.toByteArray();
  }

  public static FactsValue decode(byte[] b) {
    Bin.Reader r = new Bin.Reader(b);
    boolean deleted = r.bool();
    long version = r.i64();
    return deleted ? deletedMarker() : new FactsValue(false, version, readFacts(r));
  }

  public static void writeFacts(Bin.Writer w, SourceFacts facts) {
    w.str(facts.id()).str(facts.tenant()).str(facts.databaseName()).u8(facts.type().ordinal());
    w.str(facts.s3BucketName()).str(facts.s3CollectionName());
  }

  public static SourceFacts readFacts(Bin.Reader r) {
    return new SourceFacts(r.str(), r.str(), r.str(), SourceType.values()[r.u8()], r.str(), r.str());
  }
}
