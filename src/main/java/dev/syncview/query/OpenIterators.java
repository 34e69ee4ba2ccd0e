package dev.syncview.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The store iterators one read has opened, closed together (try-with-resources) even when opening
 * a later one fails: a listing or an offset seek opens one per prefix it merges.
 */
final class OpenIterators implements AutoCloseable {
  private final List<KeyValueIterator<Bytes, byte[]>> open = new ArrayList<>();

  KeyValueIterator<Bytes, byte[]> add(KeyValueIterator<Bytes, byte[]> it) {
    open.add(it);
    return it;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (KeyValueIterator<Bytes, byte[]> it : open) {
      try {
        it.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
