package dev.syncview.domain;

import java.util.Optional;

/** The type key of a source snapshot. Immutable for the life of a source. */
public enum SourceType {
  GITHUB("github", Kind.GITHUB),
  WEB_SCRAPE("web_scrape", Kind.WEB_SCRAPE),
  S3("s3", Kind.S3),
  FILE_UPLOAD("file_upload", Kind.UNKNOWN);

  private final String key;
  private final Kind kind;

  SourceType(String key, Kind kind) {
    this.key = key;
    this.kind = kind;
  }

  /** The JSON key that carries this type's config in a source snapshot and the Source object. */
  public String key() {
    return key;
  }

  /** The job kind a job of such a source is listed as. */
  public Kind kind() {
    return kind;
  }

  public static Optional<SourceType> fromKey(String key) {
    for (SourceType t : values()) {
      if (t.key.equals(key)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
