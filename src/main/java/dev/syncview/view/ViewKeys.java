package dev.syncview.view;

import dev.syncview.domain.Uuids;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key layout of the {@code view} store; docs/key-layout.md describes it (and every other
 * store's) in full. In short: every key starts with the tenant, and index keys end with created_at
 * (sign bit flipped, big-endian) and the job id's 16 bytes, so byte order is listing order (ASC)
 * and DESC is a reverse scan.
 */
public final class ViewKeys {
  static final byte ROW = 'R';
  static final byte SOURCE = 'S';
  static final byte DATABASE = 'D';
  static final byte INDEX = 'I';
  /** A copy of a source's facts, in every partition (no tenant: a job may name another's source). */
  static final byte FACTS = 'F';
  /** A job following a source (listed or waiting), derived from its row (no tenant prefix). */
  static final byte MEMBER = 'M';
  /** created_at(8) + job id(16): the fixed-width suffix of every index key. */
  public static final int ORDER_SUFFIX = 24;
  static final int MAX_DIMENSION_BYTES = 65_535;

  private ViewKeys() {}

  public static byte[] row(String tenant, String jobId) {
    return tenant(tenant, 17).u8(ROW).raw(Uuids.toBytes(jobId)).toByteArray();
  }

  /** The start of every row key of a tenant (see {@link #rowOf}). */
  public static byte[] rowPrefix(String tenant) {
    return tenant(tenant, 1).u8(ROW).toByteArray();
  }

  /**
   * The row key of the job an index entry lists, under the row prefix of the tenant being read:
   * the entry's job id bytes are copied, not decoded to text and encoded again.
   */
  public static byte[] rowOf(byte[] rowPrefix, byte[] indexKey) {
    byte[] key = Arrays.copyOf(rowPrefix, rowPrefix.length + 16);
    System.arraycopy(indexKey, indexKey.length - 16, key, rowPrefix.length, 16);
    return key;
  }

  public static byte[] source(String tenant, String sourceId) {
    return tenant(tenant, 17).u8(SOURCE).raw(Uuids.toBytes(sourceId)).toByteArray();
  }

  public static byte[] database(String tenant, String databaseName) {
    byte[] db = databaseName.getBytes(StandardCharsets.UTF_8);
    return tenant(tenant, 1 + db.length).u8(DATABASE).raw(db).toByteArray();
  }

  /** Every index key of a listed job. */
  public static List<byte[]> indexEntries(String tenant, RowAttrs row) {
    List<byte[]> keys = new ArrayList<>(Index.values().length);
    for (Index index : Index.values()) {
      if (index.covers(row)) {
        IndexFilter dims =
            new IndexFilter(
                index.database ? row.databaseName() : null,
                index.kind ? row.kind() : null,
                index.status ? row.status() : null,
                index.source ? row.sourceId() : null,
                index.objectKey ? row.objectKey() : null);
        Bin.Writer w = prefixWriter(tenant, index, dims);
        w.i64(orderable(row.createdAt())).raw(Uuids.toBytes(row.jobId()));
        keys.add(w.toByteArray());
      }
    }
    return keys;
  }

  /** Where a partition keeps its copy of a source's facts. */
  public static byte[] facts(String sourceId) {
    return tenant("", 17).u8(FACTS).raw(Uuids.toBytes(sourceId)).toByteArray();
  }

  /** The derived entry saying the row {@code rowKey} follows source {@code sourceId}. */
  public static byte[] member(String sourceId, byte[] rowKey) {
    return new Bin.Writer(19 + rowKey.length).raw(memberPrefix(sourceId)).raw(rowKey).toByteArray();
  }

  /** The start of every member entry of a source. */
  public static byte[] memberPrefix(String sourceId) {
    return tenant("", 17).u8(MEMBER).raw(Uuids.toBytes(sourceId)).toByteArray();
  }

  /** The row key a member entry points to. */
  public static byte[] rowOfMember(byte[] memberKey) {
    return Arrays.copyOfRange(memberKey, 19, memberKey.length);
  }

  /** The index an index entry, or an index prefix, belongs to. */
  public static Index indexOf(byte[] indexKey) {
    return Index.byId(indexKey[tagPosition(indexKey) + 1]);
  }

  /** The common prefix of every entry of {@code Index.of(filter)} matching {@code filter}. */
  public static byte[] indexPrefix(String tenant, IndexFilter filter) {
    return prefixWriter(tenant, Index.of(filter), filter).toByteArray();
  }

  /** The smallest and largest possible keys under a prefix of an index (both inclusive). */
  public static byte[] lowest(byte[] prefix) {
    return Arrays.copyOf(prefix, prefix.length + ORDER_SUFFIX);
  }

  public static byte[] highest(byte[] prefix) {
    byte[] key = Arrays.copyOf(prefix, prefix.length + ORDER_SUFFIX);
    Arrays.fill(key, prefix.length, key.length, (byte) 0xFF);
    return key;
  }

  /** The index key for a (created_at, job id) position under a prefix. */
  public static byte[] at(byte[] prefix, long createdAt, String jobId) {
    return new Bin.Writer(prefix.length + ORDER_SUFFIX)
        .raw(prefix)
        .i64(orderable(createdAt))
        .raw(Uuids.toBytes(jobId))
        .toByteArray();
  }

  public static String jobIdOf(byte[] indexKey) {
    return Uuids.fromBytes(indexKey, indexKey.length - 16);
  }

  public static long createdAtOf(byte[] indexKey) {
    return new Bin.Reader(indexKey, indexKey.length - ORDER_SUFFIX).i64() ^ Long.MIN_VALUE;
  }

  /**
   * The key of the local marker saying which derivation built a store's entries and counts (see
   * {@code IndexDelta.LAYOUT}): no tenant (tenants are never empty), tag 'V'. Never logged.
   */
  public static byte[] layoutMarker() {
    return new byte[] {0, 0, 'V'};
  }

  /** The tag byte that says what a key of the {@code view} store is (row, source, index, ...). */
  public static byte tagOf(byte[] key) {
    return key[tagPosition(key)];
  }

  /** Every key of the store starts with u16 length + tenant bytes, then the tag. */
  static int tagPosition(byte[] key) {
    return 2 + tenantLength(key);
  }

  public static boolean isRow(byte[] key) {
    return tagOf(key) == ROW;
  }

  /**
   * Index entries, bucket counts and source members are derived from the rows by the store itself
   * (IndexDelta), so they are never written from outside and never logged.
   */
  public static boolean isDerived(byte[] key) {
    byte tag = tagOf(key);
    return tag == INDEX || tag == IndexCounts.COUNT || tag == MEMBER;
  }

  public static String tenantOf(byte[] key) {
    return new String(key, 2, tenantLength(key), StandardCharsets.UTF_8);
  }

  private static int tenantLength(byte[] key) {
    return ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
  }

  static long orderable(long millis) {
    return millis ^ Long.MIN_VALUE;
  }

  private static Bin.Writer prefixWriter(String tenant, Index index, IndexFilter f) {
    Bin.Writer w = tenant(tenant, 64).u8(INDEX).u8(index.id);
    if (index.source) {
      w.raw(Uuids.toBytes(f.sourceId()));
    }
    if (index.objectKey) {
      lengthPrefixed(w, f.objectKey());
    }
    if (index.database) {
      lengthPrefixed(w, f.databaseName());
    }
    if (index.kind) {
      w.u8(f.kind().code());
    }
    if (index.status) {
      w.u8(f.status().code());
    }
    return w;
  }

  private static Bin.Writer tenant(String tenant, int extra) {
    byte[] t = tenant.getBytes(StandardCharsets.UTF_8);
    return new Bin.Writer(2 + t.length + extra).u16(t.length).raw(t);
  }

  /** Whether a text dimension (database name, object key) fits its u16 length prefix. */
  public static boolean fitsDimension(String value) {
    return value.length() <= MAX_DIMENSION_BYTES / 3
        || value.getBytes(StandardCharsets.UTF_8).length <= MAX_DIMENSION_BYTES;
  }

  private static void lengthPrefixed(Bin.Writer w, String value) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    w.u16(b.length).raw(b);
  }
}
