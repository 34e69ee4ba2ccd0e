package dev.syncview.config;

import java.util.List;
import java.util.Objects;

/** The names of the topics the projection reads and writes. */
public record Topics(String sources, String jobs, String apiKeys, String deadLetters, String auth) {
  public Topics {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(apiKeys, "apiKeys");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(auth, "auth");
  }

  /** The input topics, the ones the view is projected from. */
  public List<String> inputs() {
    return List.of(sources, jobs, apiKeys);
  }

  /** The default names of events.md; the auth topic belongs to one application id. */
  public static Topics defaults(String applicationId) {
    return new Topics(
        "sync.sources", "sync.jobs", "sync.api-keys", "sync.dead-letters", applicationId + ".auth");
  }
}
