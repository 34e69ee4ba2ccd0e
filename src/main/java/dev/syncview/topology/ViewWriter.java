package dev.syncview.topology;

import dev.syncview.view.RowValue;
import dev.syncview.view.SourceValue;
import dev.syncview.view.ViewChange;
import dev.syncview.view.ViewKeys;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per tenant: applies view changes to the rows of the {@code view} store, whose listing indexes
 * follow the rows (IndexingViewStore). A row change from a job's current owner wins; a late change
 * from a previous owner, or of an older version, is ignored, so the final state does not depend on
 * how owners' messages interleave.
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
    // The store derives the row's index entries and counts (IndexingViewStore).
    view.put(rowKey, new RowValue(up.version(), up.owner(), up.attrs(), up.itemJson()).encode());
  }

  private void remove(String tenant, ViewChange.RowRemove rm) {
    Bytes rowKey = Bytes.wrap(ViewKeys.row(tenant, rm.jobId()));
    RowValue current = current(rowKey);
    boolean fromCurrentOwner =
        current != null
            && current.live()
            && Objects.equals(current.owner(), rm.owner())
            && current.version() <= rm.version();
    if (current == null || fromCurrentOwner || (!current.live() && current.version() < rm.version())) {
      view.put(rowKey, RowValue.marker(rm.version(), rm.owner()).encode());
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
