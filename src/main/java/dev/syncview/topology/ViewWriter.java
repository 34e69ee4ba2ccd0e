package dev.syncview.topology;

import dev.syncview.view.IndexCounts;
import dev.syncview.view.RowAttrs;
import dev.syncview.view.RowValue;
import dev.syncview.view.SourceValue;
import dev.syncview.view.ViewChange;
import dev.syncview.view.ViewKeys;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per tenant: applies view changes to the rows and listing indexes of the {@code view} store. A
 * row change from a job's current owner wins; a late change from a previous owner, or of an older
 * version, is ignored, so the final state does not depend on how owners' messages interleave.
 */
final class ViewWriter implements Processor<byte[], byte[], Void, Void> {
  private static final byte[] EMPTY = new byte[0];
  private KeyValueStore<Bytes, byte[]> view;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.view = context.getStateStore(StoreNames.VIEW);
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    String tenant = new String(rec.key(), StandardCharsets.UTF_8);
    ViewChange change = ViewChange.decode(rec.value());
    if (change instanceof ViewChange.RowUpsert up) {
      upsert(tenant, up);
    } else if (change instanceof ViewChange.RowRemove rm) {
      remove(tenant, rm);
    } else if (change instanceof ViewChange.SourceUpsert src) {
      markDatabase(tenant, src.databaseName());
      view.put(
          Bytes.wrap(ViewKeys.source(tenant, src.sourceId())),
          new SourceValue(src.databaseName(), src.type(), src.sourceJson()).encode());
    } else if (change instanceof ViewChange.SourceRemove src) {
      view.delete(Bytes.wrap(ViewKeys.source(tenant, src.sourceId())));
    }
  }

  private void upsert(String tenant, ViewChange.RowUpsert up) {
    if (up.owner() == null) {
      // An applied source-less job names its database, even if a newer version is already here.
      markDatabase(tenant, up.attrs().databaseName());
    }
    Bytes rowKey = Bytes.wrap(ViewKeys.row(tenant, up.attrs().jobId()));
    RowValue current = current(rowKey);
    if (current != null && up.version() < current.version()) {
      return;
    }
    Set<Bytes> stale = current != null && current.live() ? entries(tenant, current.attrs()) : Set.of();
    view.put(rowKey, new RowValue(up.version(), up.owner(), up.attrs(), up.itemJson()).encode());
    // Only entries that change are written: a status change touches the status indexes alone.
    Set<Bytes> fresh = entries(tenant, up.attrs());
    for (Bytes entry : stale) {
      if (!fresh.contains(entry)) {
        unindex(entry);
      }
    }
    for (Bytes entry : fresh) {
      if (!stale.contains(entry)) {
        view.put(entry, EMPTY);
        count(entry, 1);
      }
    }
  }

  private void unindex(Bytes entry) {
    view.delete(entry);
    count(entry, -1);
  }

  /** Keeps the bucket counts deep offsets jump with (IndexCounts) in step with the entries. */
  private void count(Bytes entry, long delta) {
    Bytes k = Bytes.wrap(IndexCounts.keyOf(entry.get()));
    long n = IndexCounts.decode(view.get(k)) + delta;
    if (n > 0) {
      view.put(k, IndexCounts.encode(n));
    } else {
      view.delete(k);
    }
  }

  private static Set<Bytes> entries(String tenant, RowAttrs attrs) {
    Set<Bytes> out = new HashSet<>();
    for (byte[] entry : ViewKeys.indexEntries(tenant, attrs)) {
      out.add(Bytes.wrap(entry));
    }
    return out;
  }

  private void remove(String tenant, ViewChange.RowRemove rm) {
    Bytes rowKey = Bytes.wrap(ViewKeys.row(tenant, rm.jobId()));
    RowValue current = current(rowKey);
    boolean fromCurrentOwner =
        current != null
            && current.live()
            && Objects.equals(current.owner(), rm.owner())
            && current.version() <= rm.version();
    if (fromCurrentOwner) {
      unindex(tenant, current.attrs());
    }
    if (current == null || fromCurrentOwner || (!current.live() && current.version() < rm.version())) {
      view.put(rowKey, RowValue.marker(rm.version(), rm.owner()).encode());
    }
  }

  private void unindex(String tenant, RowAttrs attrs) {
    for (Bytes entry : entries(tenant, attrs)) {
      unindex(entry);
    }
  }

  private void markDatabase(String tenant, String databaseName) {
    Bytes key = Bytes.wrap(ViewKeys.database(tenant, databaseName));
    if (view.get(key) == null) {
      view.put(key, EMPTY);
    }
  }

  private RowValue current(Bytes rowKey) {
    byte[] b = view.get(rowKey);
    return b == null ? null : RowValue.decode(b);
  }
}
