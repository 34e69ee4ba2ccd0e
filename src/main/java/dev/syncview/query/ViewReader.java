package dev.syncview.query;

import dev.syncview.domain.SourceType;
import dev.syncview.domain.TokenHash;
import dev.syncview.view.AuthEntry;
import dev.syncview.view.IndexFilter;
import dev.syncview.view.RowAttrs;
import dev.syncview.view.RowValue;
import dev.syncview.view.SourceValue;
import dev.syncview.view.ViewKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers the read API from the projection's stores, applying api.md's order of checks: the token
 * (401) before anything, then scope (403) before existence (404).
 */
public final class ViewReader implements ReadApi {
  private final ViewStores stores;

  private ViewReader(ViewStores stores) {
    this.stores = stores;
  }

  /** The read API over these stores. */
  public static ReadApi of(ViewStores stores) {
    return new ClosingStores(new ViewReader(stores));
  }

  @Override
  public ReadApi stale() {
    return new ViewReader(stores.stale());
  }

  @Override
  public Principal authenticate(String token) {
    if (token == null || token.isEmpty()) {
      throw new ApiException.Unauthorized();
    }
    byte[] hash = TokenHash.of(token).getBytes(StandardCharsets.US_ASCII);
    byte[] entry = stores.auth().get(Bytes.wrap(hash));
    if (entry == null) {
      throw new ApiException.Unauthorized();
    }
    AuthEntry key = AuthEntry.decode(entry);
    return new Principal(key.keyId(), key.tenant(), key.databases());
  }

  @Override
  public Page list(Principal principal, ListQuery query) {
    ReadOnlyKeyValueStore<Bytes, byte[]> view = stores.view(principal.tenant());
    String tenant = principal.tenant();
    List<byte[]> prefixes = new ArrayList<>();
    if (query.sourceId() != null) {
      SourceValue source = readableSource(view, principal, query.sourceId());
      if (query.kind() != null && source.type().kind() != query.kind()) {
        return new Page(List.of(), null);
      }
      prefixes.add(
          ViewKeys.indexPrefix(
              tenant, new IndexFilter(null, null, query.status(), query.sourceId(), null)));
    } else {
      IndexFilter filter = new IndexFilter(null, query.kind(), query.status(), null, null);
      if (query.databaseName() != null) {
        requireReadable(principal, query.databaseName());
        prefixes.add(ViewKeys.indexPrefix(tenant, filter.withDatabase(query.databaseName())));
      } else if (principal.databases() == null) {
        prefixes.add(ViewKeys.indexPrefix(tenant, filter));
      } else {
        for (String db : new TreeSet<>(principal.databases())) {
          prefixes.add(ViewKeys.indexPrefix(tenant, filter.withDatabase(db)));
        }
      }
    }
    // One more than asked: whether there is a next page.
    List<KeyValue<byte[], byte[]>> entries =
        query.limit() == 0
            ? List.of()
            : IndexScan.page(
                view, prefixes, query.order(), query.offset(), query.limit() + 1, query.after());
    if (entries.isEmpty()) {
      // Entries under a database name prove that it exists (it is recorded before any row of it
      // is written, and never removed), so only an empty page looks the name up.
      requireDatabase(view, tenant, query.databaseName());
    }
    boolean more = entries.size() > query.limit();
    List<KeyValue<byte[], byte[]>> page = more ? entries.subList(0, query.limit()) : entries;
    Position next = null;
    if (more) {
      byte[] last = page.get(page.size() - 1).key;
      next = new Position(ViewKeys.createdAtOf(last), ViewKeys.jobIdOf(last));
    }
    List<byte[]> carried = carries(prefixes) ? carriedItems(page) : null;
    if (carried != null) {
      return new Page(carried, next);
    }
    return new Page(items(view, tenant, page, attrs -> matches(attrs, principal, query)), next);
  }

  @Override
  public byte[] job(Principal principal, String jobId) {
    ReadOnlyKeyValueStore<Bytes, byte[]> view = stores.view(principal.tenant());
    byte[] row = view.get(Bytes.wrap(ViewKeys.row(principal.tenant(), jobId)));
    if (row != null) {
      RowValue value = RowValue.decode(row);
      if (value.live() && principal.mayRead(value.attrs().databaseName())) {
        return value.itemJson();
      }
    }
    throw new ApiException.NotFound("invocation " + jobId + " does not exist");
  }

  @Override
  public byte[] source(Principal principal, String sourceId) {
    return readableSource(stores.view(principal.tenant()), principal, sourceId).sourceJson();
  }

  @Override
  public Map<String, byte[]> latestByObjectKeys(
      Principal principal, String sourceId, List<String> objectKeys) {
    ReadOnlyKeyValueStore<Bytes, byte[]> view = stores.view(principal.tenant());
    SourceValue source = readableSource(view, principal, sourceId);
    if (source.type() != SourceType.S3) {
      throw new ApiException.BadRequest("source " + sourceId + " is not an s3 source");
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String key : objectKeys) {
      if (out.containsKey(key) || !ViewKeys.fitsDimension(key)) {
        continue; // a key too long to be indexed has no invocation
      }
      byte[] prefix =
          ViewKeys.indexPrefix(principal.tenant(), new IndexFilter(null, null, null, sourceId, key));
      List<KeyValue<byte[], byte[]>> newest =
          IndexScan.page(view, List.of(prefix), Order.DESC, 0, 1, null);
      List<byte[]> item =
          items(
              view,
              principal.tenant(),
              newest,
              attrs -> sourceId.equals(attrs.sourceId()) && key.equals(attrs.objectKey()));
      if (!item.isEmpty()) {
        out.put(key, item.get(0));
      }
    }
    return out;
  }

  /** A live source of the principal's tenant within its scope, else 404 like an unknown id. */
  private static SourceValue readableSource(
      ReadOnlyKeyValueStore<Bytes, byte[]> view, Principal principal, String sourceId) {
    byte[] stored = view.get(Bytes.wrap(ViewKeys.source(principal.tenant(), sourceId)));
    if (stored != null) {
      SourceValue source = SourceValue.decode(stored);
      if (principal.mayRead(source.databaseName())) {
        return source;
      }
    }
    throw new ApiException.NotFound("source " + sourceId + " does not exist");
  }

  /** Scope before existence: 403 before 404. */
  private static void requireReadable(Principal principal, String databaseName) {
    if (!principal.mayRead(databaseName)) {
      throw new ApiException.Forbidden("this key may not read database_name " + databaseName);
    }
  }

  /** 404 unless the tenant has the database; nothing to check without one. */
  private static void requireDatabase(
      ReadOnlyKeyValueStore<Bytes, byte[]> view, String tenant, String databaseName) {
    if (databaseName != null && view.get(Bytes.wrap(ViewKeys.database(tenant, databaseName))) == null) {
      throw new ApiException.NotFound("database_name " + databaseName + " does not exist");
    }
  }

  /** Re-checks a row against the request, so a row never shows outside its filters or scope. */
  private static boolean matches(RowAttrs attrs, Principal principal, ListQuery query) {
    return principal.mayRead(attrs.databaseName())
        && (query.databaseName() == null || query.databaseName().equals(attrs.databaseName()))
        && (query.kind() == null || query.kind() == attrs.kind())
        && (query.status() == null || query.status() == attrs.status())
        && (query.sourceId() == null || query.sourceId().equals(attrs.sourceId()));
  }

  /** Whether the listing's index keeps the items in its entries (all its prefixes share it). */
  private static boolean carries(List<byte[]> prefixes) {
    return !prefixes.isEmpty() && ViewKeys.indexOf(prefixes.get(0)).carriesItems();
  }

  /**
   * The items an index carries in its entries. The store writes an entry and its row in one RocksDB
   * write batch and each prefix's scan reads one snapshot, so the item is the row's, under a key
   * that the tenant, filters and scope were chosen by. Null when an entry holds none (a store that
   * escaped its layout rebuild): the page is then read from the rows rather than answered with
   * empty items.
   */
  private static List<byte[]> carriedItems(List<KeyValue<byte[], byte[]>> entries) {
    List<byte[]> out = new ArrayList<>(entries.size());
    for (KeyValue<byte[], byte[]> entry : entries) {
      if (entry.value == null || entry.value.length == 0) {
        return null;
      }
      out.add(entry.value);
    }
    return out;
  }

  /**
   * The rendered rows behind index entries that carry no item. A row that changed or vanished
   * between the index read and this one is skipped rather than shown out of place.
   */
  private static List<byte[]> items(
      ReadOnlyKeyValueStore<Bytes, byte[]> view,
      String tenant,
      List<KeyValue<byte[], byte[]>> entries,
      Predicate<RowAttrs> stillMatches) {
    List<byte[]> out = new ArrayList<>(entries.size());
    byte[] rows = ViewKeys.rowPrefix(tenant);
    for (KeyValue<byte[], byte[]> entry : entries) {
      byte[] indexKey = entry.key;
      byte[] row = view.get(Bytes.wrap(ViewKeys.rowOf(rows, indexKey)));
      if (row != null) {
        RowValue value = RowValue.decode(row);
        if (value.live()
            && value.attrs().createdAt() == ViewKeys.createdAtOf(indexKey)
            && stillMatches.test(value.attrs())) {
          out.add(value.itemJson());
        }
      }
    }
    return out;
  }

}
