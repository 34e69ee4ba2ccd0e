package dev.syncview.domain;

/**
 * An opaque, already validated JSON value kept as compact text (for example an S3 job's
 * additional_metadata or a source's chunking config). The domain never looks inside it.
 */
public record JsonText(String json) {
  public JsonText {
    if (json == null || json.isEmpty()) {
      throw new IllegalArgumentException("json text must not be empty");
    }
  }
}
