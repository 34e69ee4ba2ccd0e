package dev.syncview.view;

/**
 * The listing indexes kept per tenant. Each one is a set of keys
 * {@code [tenant]['I'][id][dimensions][created_at][job id]} whose byte order is the listing order,
 * so every filter combination of list_sources and list_jobs is one bounded range scan.
 * Dimensions are always written in the order source, object key, database, kind, status.
 * Ids are persisted in keys: never renumber.
 *
 * <p>The four indexes list_sources reads carry each job's rendered item as their entry's value, so
 * a page of list_sources is one range scan with no read per row; the others hold an empty value and
 * their pages read the rows.
 */
public enum Index {
  ALL(0, false, false, false, false, false),
  DB(1, false, false, true, false, false),
  KIND(2, false, false, false, true, false),
  DB_KIND(3, false, false, true, true, false),
  // Indexes from here on answer only list_jobs filters and do not carry items.
  STATUS(4, false, false, false, false, true),
  DB_STATUS(5, false, false, true, false, true),
  KIND_STATUS(6, false, false, false, true, true),
  DB_KIND_STATUS(7, false, false, true, true, true),
  SOURCE(8, true, false, false, false, false),
  SOURCE_STATUS(9, true, false, false, false, true),
  SOURCE_OBJECT(10, true, true, false, false, false);

  /** By id (ids are the ordinals); {@code values()} would copy the array on every lookup. */
  private static final Index[] BY_ID = values();

  final byte id;
  final boolean source;
  final boolean objectKey;
  final boolean database;
  final boolean kind;
  final boolean status;

  Index(int id, boolean source, boolean objectKey, boolean database, boolean kind, boolean status) {
    this.id = (byte) id;
    this.source = source;
    this.objectKey = objectKey;
    this.database = database;
    this.kind = kind;
    this.status = status;
  }

  /** Whether this index's entries hold the job's rendered item (else an empty value). */
  public boolean carriesItems() {
    return id <= DB_KIND.id;
  }

  /**
   * Whether this index keeps bucket counts (IndexCounts) for deep offsets: the four list_sources
   * reads, whose entries change only when a job is listed, unlisted or moved between databases.
   * The others (status and source filters of list_jobs) walk to an offset; a status update then
   * touches no count (BENCHMARKS.md notes).
   */
  public boolean counted() {
    return carriesItems();
  }

  /** Whether a job has an entry in this index. */
  boolean covers(RowAttrs row) {
    return (!kind || row.kind().filterable())
        && (!source || row.sourceId() != null)
        && (!objectKey || row.objectKey() != null);
  }

  /** The index that answers exactly this combination of filters. */
  public static Index of(IndexFilter f) {
    if (f.objectKey() != null) {
      return SOURCE_OBJECT;
    }
    if (f.sourceId() != null) {
      return f.status() != null ? SOURCE_STATUS : SOURCE;
    }
    int bits = (f.databaseName() != null ? 1 : 0) | (f.kind() != null ? 2 : 0)
        | (f.status() != null ? 4 : 0);
    return BY_ID[bits];
  }

  /** The index whose id an index key or prefix holds. */
  static Index byId(byte id) {
    return BY_ID[id];
  }
}
