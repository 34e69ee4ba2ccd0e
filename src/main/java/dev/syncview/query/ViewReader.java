package dev.syncview.query;

import dev.syncview.domain.TokenHash;
import dev.syncview.view.AuthEntry;
import dev.syncview.view.IndexFilter;
import dev.syncview.view.RowAttrs;
import dev.syncview.view.RowValue;
import dev.syncview.view.ViewKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers the read API from the projection's stores, applying api.md's order of checks: the token
 * (401) before anything, then scope (403) before existence (404).
 */
public final class ViewReader implements ReadApi {
  private final ViewStores stores;

  public ViewReader(ViewStores stores) {
    this.stores = stores;
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
  public List<byte[]> listSources(Principal principal, ListQuery query) {
    ReadOnlyKeyValueStore<Bytes, byte[]> view = stores.view(principal.tenant());
    String tenant = principal.tenant();
    IndexFilter filter = new IndexFilter(null, query.kind(), null, null, null);
    List<byte[]> prefixes = new ArrayList<>();
    if (query.databaseName() != null) {
      requireReadableDatabase(view, principal, query.databaseName());
      prefixes.add(ViewKeys.indexPrefix(tenant, filter.withDatabase(query.databaseName())));
    } else if (principal.databases() == null) {
      prefixes.add(ViewKeys.indexPrefix(tenant, filter));
    } else {
      for (String db : new TreeSet<>(principal.databases())) {
        prefixes.add(ViewKeys.indexPrefix(tenant, filter.withDatabase(db)));
      }
    }
    List<byte[]> keys = IndexScan.page(view, prefixes, query.order(), query.offset(), query.limit());
    return items(view, tenant, keys, attrs -> matches(attrs, principal, query));
  }

  private static void requireReadableDatabase(
      ReadOnlyKeyValueStore<Bytes, byte[]> view, Principal principal, String databaseName) {
    if (!principal.mayRead(databaseName)) {
      throw new ApiException.Forbidden("this key may not read database_name " + databaseName);
    }
    if (view.get(Bytes.wrap(ViewKeys.database(principal.tenant(), databaseName))) == null) {
      throw new ApiException.NotFound("database_name " + databaseName + " does not exist");
    }
  }

  /** Re-checks a row against the request, so a row never shows outside its filters or scope. */
  private static boolean matches(RowAttrs attrs, Principal principal, ListQuery query) {
    return principal.mayRead(attrs.databaseName())
        && (query.databaseName() == null || query.databaseName().equals(attrs.databaseName()))
        && (query.kind() == null || query.kind() == attrs.kind());
  }

  /**
   * The rendered rows behind index keys. A row that changed or vanished between the index read and
   * this one is skipped rather than shown out of place.
   */
  private static List<byte[]> items(
      ReadOnlyKeyValueStore<Bytes, byte[]> view,
      String tenant,
      List<byte[]> indexKeys,
      Predicate<RowAttrs> stillMatches) {
    List<byte[]> out = new ArrayList<>(indexKeys.size());
    for (byte[] indexKey : indexKeys) {
      byte[] row = view.get(Bytes.wrap(ViewKeys.row(tenant, ViewKeys.jobIdOf(indexKey))));
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
