package dev.syncview.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.Source;
import dev.syncview.domain.SourceType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code sync.sources} values. Fields are checked in a fixed order (id, tenant,
 * database_name, created_at, type key, type config, optional blobs) so that a record with several
 * defects always gets the same reason. Credentials are never copied out of the tree.
 */
public final class SourceParser {
  public static final int MAX_TENANT = 128;
  public static final int MAX_DATABASE = 256;
  static final int MAX_TEXT = 4096;
  private static final Pattern REPOSITORY = Pattern.compile("[^/\\s]+/[^/\\s]+");

  private SourceParser() {}

  /** @param key the record key, already a normalized UUID */
  public static Decoded<Source> decode(String key, byte[] value) {
    return Envelope.decode(value, List.of("deleted"), obj -> body(key, obj));
  }

  private static Source body(String key, ObjectNode o) {
    String id = Envelope.requireUuidId(o, key);
    String tenant = Fields.requiredText(o, "tenant", 1, MAX_TENANT);
    String database = Fields.requiredText(o, "database_name", 1, MAX_DATABASE);
    long createdAt = Fields.requiredTimestamp(o, "created_at");
    SourceType type = typeKey(o);
    ObjectNode raw = o.get(type.key()).isObject() ? (ObjectNode) o.get(type.key()) : null;
    if (raw == null) {
      throw Fields.invalid(type.key(), "must be an object");
    }
    ObjectNode config = EventJson.newObject();
    String bucket = null;
    String collection = null;
    switch (type) {
      case GITHUB -> github(raw, config);
      case WEB_SCRAPE -> webScrape(raw, config);
      case S3 -> {
        bucket = Fields.requiredText(raw, "bucket_name", 1, MAX_TEXT);
        collection = Fields.requiredText(raw, "collection_name", 1, MAX_TEXT);
        s3(raw, config, bucket, collection);
      }
      case FILE_UPLOAD -> fileUpload(raw, config);
    }
    return new Source(
        id,
        tenant,
        database,
        createdAt,
        Fields.version(o),
        type,
        EventJson.text(config),
        bucket,
        collection,
        Fields.optionalBlob(o, "embedding_model"),
        Fields.optionalBlob(o, "embedding"),
        Fields.optionalBlob(o, "chunking"));
  }

  /** Exactly one type key with a non-null value; a null-valued key counts as absent. */
  private static SourceType typeKey(ObjectNode o) {
    SourceType found = null;
    int count = 0;
    for (SourceType t : SourceType.values()) {
      if (Fields.present(o, t.key())) {
        found = t;
        count++;
      }
    }
    if (count != 1) {
      throw new Rejection(
          DeadLetterReason.TYPE_KEYS,
          "exactly one of github, web_scrape, s3, file_upload is required, found " + count);
    }
    return found;
  }

  private static void github(ObjectNode raw, ObjectNode out) {
    String repository = Fields.requiredText(raw, "repository", 3, MAX_TEXT);
    if (!REPOSITORY.matcher(repository).matches()) {
      throw Fields.invalid("github.repository", "must be owner/name");
    }
    out.put("repository", repository);
    JsonNode appId = raw.get("app_id");
    if (appId != null && !appId.isNull()) {
      if (!appId.isTextual() && !appId.isIntegralNumber()) {
        throw Fields.invalid("github.app_id", "must be a string or an integer");
      }
      out.set("app_id", EventJson.kept(appId, "github.app_id"));
    } else {
      out.putNull("app_id");
    }
    putList(out, "include_globs", Fields.optionalTextList(raw, "include_globs", 0, MAX_TEXT));
  }

  private static void webScrape(ObjectNode raw, ObjectNode out) {
    out.put("starting_url", Fields.requiredText(raw, "starting_url", 1, MAX_TEXT));
    putLong(out, "max_depth", Fields.optionalNonNegativeLong(raw, "max_depth"));
    putLong(out, "page_limit", Fields.optionalNonNegativeLong(raw, "page_limit"));
    putList(
        out,
        "include_path_regexes",
        Fields.optionalTextList(raw, "include_path_regexes", 0, MAX_TEXT));
    putList(
        out,
        "exclude_path_regexes",
        Fields.optionalTextList(raw, "exclude_path_regexes", 0, MAX_TEXT));
  }

  private static void s3(ObjectNode raw, ObjectNode out, String bucket, String collection) {
    out.put("bucket_name", bucket);
    out.put("region", Fields.requiredText(raw, "region", 1, MAX_TEXT));
    out.put("collection_name", collection);
    out.put("path_prefix", Fields.optionalText(raw, "path_prefix", 0, MAX_TEXT));
    // Chroma's AutoSync enum ("none", "direct", "metadata"): any string is kept, so a mode added
    // upstream is served as given instead of losing the source.
    out.put("auto_sync", Fields.optionalText(raw, "auto_sync", 0, MAX_TEXT));
    JsonNode credentialId = raw.get("aws_credential_id");
    if (credentialId != null && !credentialId.isNull()) {
      if (!credentialId.isTextual() && !credentialId.isIntegralNumber()) {
        throw Fields.invalid("s3.aws_credential_id", "must be a string or an integer");
      }
      out.set("aws_credential_id", EventJson.kept(credentialId, "s3.aws_credential_id"));
    } else {
      out.putNull("aws_credential_id");
    }
  }

  /** file_upload has no published schema: keep its fields, minus anything credential-named. */
  private static void fileUpload(ObjectNode raw, ObjectNode out) {
    out.setAll((ObjectNode) EventJson.kept(raw, "file_upload"));
  }

  private static void putLong(ObjectNode out, String name, Long value) {
    if (value == null) {
      out.putNull(name);
    } else {
      out.put(name, value);
    }
  }

  private static void putList(ObjectNode out, String name, List<String> values) {
    if (values == null) {
      out.putNull(name);
    } else {
      values.forEach(out.putArray(name)::add);
    }
  }
}
