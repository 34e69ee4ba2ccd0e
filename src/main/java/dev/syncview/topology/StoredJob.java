package dev.syncview.topology;

import dev.syncview.view.Bin;

/**
 * A job snapshot kept by the source stage under (source id, job id), with its original record so
 * that it can be dead-lettered byte for byte if its source turns out to reject it.
 *
 * @param listed false while the job waits for its source to arrive
 */
record StoredJob(boolean listed, long version, Origin origin) {

  byte[] encode() {
    Bin.Writer w = new Bin.Writer(64 + origin.value().length);
    w.bool(listed).i64(version);
    origin.write(w);
    return w.toByteArray();
  }

  static StoredJob decode(byte[] b) {
    Bin.Reader r = new Bin.Reader(b);
    boolean listed = r.bool();
    long version = r.i64();
    Origin origin = Origin.read(r);
    return new StoredJob(listed, version, origin);
  }

  StoredJob asListed() {
    return new StoredJob(true, version, origin);
  }
}
