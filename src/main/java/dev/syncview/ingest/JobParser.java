package dev.syncview.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.domain.GitRef;
import dev.syncview.domain.ItemMetadata;
import dev.syncview.domain.Job;
import dev.syncview.domain.JobStatus;
import dev.syncview.domain.JsonText;
import dev.syncview.domain.Kind;
import dev.syncview.domain.KindDetail;
import java.util.Iterator;
import java.util.List;

/**
 * Reads {@code sync.jobs} values. Checks in order: id, tenant, created_at, status, source_id, the
 * optional kind fields' types, then a source-less job's own metadata. Whether a kind field is
 * required is decided later, when the source is known.
 */
public final class JobParser {
  static final int MAX_NAME = 1024;

  private JobParser() {}

  /** @param key the record key, already a normalized UUID */
  public static Decoded<Job> decode(String key, byte[] value) {
    return Envelope.decode(value, List.of("deleted"), obj -> body(key, obj));
  }

  private static Job body(String key, ObjectNode o) {
    String id = Envelope.requireUuidId(o, key);
    String tenant = Fields.requiredText(o, "tenant", 1, SourceParser.MAX_TENANT);
    long createdAt = Fields.requiredTimestamp(o, "created_at");
    JobStatus status = StatusParser.parse(o.get("status"));
    String sourceId = sourceId(o);
    String target = Fields.optionalText(o, "target_collection_name", 1, MAX_NAME);
    GitRef ref = o.has("ref_identifier") && !o.get("ref_identifier").isNull()
        ? gitRef(o.get("ref_identifier"), "ref_identifier")
        : null;
    String objectKey = Fields.optionalText(o, "object_key", 0, MAX_NAME);
    String customId = Fields.optionalText(o, "custom_id", 0, MAX_NAME);
    ObjectNode extra = Fields.optionalObject(o, "additional_metadata");
    JsonText additional = extra == null ? null : Fields.optionalBlob(o, "additional_metadata");
    ItemMetadata own = sourceId == null ? ownMetadata(o) : null;
    return new Job(
        id,
        tenant,
        sourceId,
        createdAt,
        Fields.version(o),
        status,
        target,
        ref,
        objectKey,
        customId,
        additional,
        own);
  }

  /** {@code source_id} must be present: a UUID, or null for a source-less job. */
  private static String sourceId(ObjectNode o) {
    if (!o.has("source_id")) {
      throw Fields.missing("source_id");
    }
    JsonNode n = o.get("source_id");
    return n.isNull() ? null : Fields.uuid(n, "source_id");
  }

  static GitRef gitRef(JsonNode node, String field) {
    if (!node.isObject() || node.size() != 1) {
      throw Fields.invalid(field, "must be {\"branch\": ...} or {\"sha\": ...}");
    }
    ObjectNode o = (ObjectNode) node;
    if (o.has("branch")) {
      return new GitRef.Branch(Fields.text(o.get("branch"), field + ".branch", 1, MAX_NAME));
    }
    if (o.has("sha")) {
      return new GitRef.Sha(Fields.text(o.get("sha"), field + ".sha", 1, MAX_NAME));
    }
    throw Fields.invalid(field, "must be {\"branch\": ...} or {\"sha\": ...}");
  }

  /** A source-less job's metadata: exactly one kind key, database_name and collection_name. */
  private static ItemMetadata ownMetadata(ObjectNode o) {
    ObjectNode m = Fields.requiredObject(o, "metadata");
    Kind kind = null;
    int kinds = 0;
    for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
      var found = Kind.fromWireName(it.next());
      if (found.isPresent()) {
        kind = found.get();
        kinds++;
      }
    }
    if (kinds == 0) {
      throw Fields.missing("metadata kind key");
    }
    if (kinds > 1) {
      throw Fields.invalid("metadata", "must have exactly one kind key");
    }
    KindDetail detail = kindDetail(kind, m.get(kind.wireName()));
    String database = Fields.requiredText(m, "database_name", 1, SourceParser.MAX_DATABASE);
    String collection = Fields.requiredText(m, "collection_name", 1, MAX_NAME);
    return new ItemMetadata(detail, database, collection);
  }

  private static KindDetail kindDetail(Kind kind, JsonNode value) {
    String field = "metadata." + kind.wireName();
    return switch (kind) {
      case WEB_SCRAPE, UNKNOWN -> {
        if (!value.isNull()) {
          throw Fields.invalid(field, "must be null");
        }
        yield new KindDetail.Unit(kind);
      }
      case GITHUB -> {
        if (!value.isObject()) {
          throw Fields.invalid(field, "must be an object");
        }
        JsonNode ref = value.get("git_ref_identifier");
        if (ref == null || ref.isNull()) {
          throw Fields.missing(field + ".git_ref_identifier");
        }
        yield new KindDetail.Github(gitRef(ref, field + ".git_ref_identifier"));
      }
      case S3 -> {
        if (!value.isObject()) {
          throw Fields.invalid(field, "must be an object");
        }
        ObjectNode s3 = (ObjectNode) value;
        yield new KindDetail.S3(
            Fields.requiredText(s3, "bucket_name", 1, SourceParser.MAX_TEXT),
            Fields.optionalText(s3, "object_key", 0, MAX_NAME),
            Fields.optionalText(s3, "custom_id", 0, MAX_NAME),
            Fields.optionalObject(s3, "additional_metadata") == null
                ? null
                : Fields.optionalBlob(s3, "additional_metadata"));
      }
    };
  }
}
