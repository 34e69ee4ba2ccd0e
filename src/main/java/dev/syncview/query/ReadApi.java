package dev.syncview.query;

import java.util.List;

/** The read-only port the HTTP layer talks to. */
public interface ReadApi {

  /** The key behind a token; {@link ApiException.Unauthorized} when there is none. */
  Principal authenticate(String token);

  /** One page of list_sources, as rendered items in listing order. */
  List<byte[]> listSources(Principal principal, ListQuery query);
}
