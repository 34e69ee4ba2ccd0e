package dev.syncview.domain;

import java.util.Objects;

/** The kind-specific part of a job's metadata. */
public sealed interface KindDetail {

  Kind kind();

  record Github(GitRef ref) implements KindDetail {
    public Github {
      Objects.requireNonNull(ref, "ref");
    }

    public Kind kind() {
      return Kind.GITHUB;
    }
  }

  /** Absent optional values are null and listed as JSON null. */
  record S3(String bucketName, String objectKey, String customId, JsonText additionalMetadata)
      implements KindDetail {
    public S3 {
      Objects.requireNonNull(bucketName, "bucketName");
    }

    public Kind kind() {
      return Kind.S3;
    }
  }

  /** A kind without detail: web_scrape or Unknown, listed as {@code "<kind>": null}. */
  record Unit(Kind kind) implements KindDetail {
    public Unit {
      if (kind != Kind.WEB_SCRAPE && kind != Kind.UNKNOWN) {
        throw new IllegalArgumentException(kind + " is not a unit kind");
      }
    }
  }
}
