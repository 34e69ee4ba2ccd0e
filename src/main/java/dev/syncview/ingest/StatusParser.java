package dev.syncview.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.JobStatus;

/**
 * The five exact status forms. Object forms have exactly one key; inside them the named fields
 * must be present with their types, and extra fields are ignored like any unknown field.
 */
final class StatusParser {
  private StatusParser() {}

  static JobStatus parse(JsonNode n) {
    if (n == null || n.isNull()) {
      throw Fields.missing("status");
    }
    if (n.isTextual()) {
      return switch (n.textValue()) {
        case "pending" -> new JobStatus.Pending();
        case "processing" -> new JobStatus.Processing();
        case "cancelled" -> new JobStatus.Cancelled();
        default -> throw unknown();
      };
    }
    if (!n.isObject() || n.size() != 1) {
      throw unknown();
    }
    JsonNode complete = n.get("complete");
    if (complete != null) {
      return complete(complete);
    }
    JsonNode failed = n.get("failed");
    if (failed != null) {
      JsonNode error = failed.isObject() ? failed.get("error") : null;
      if (error == null || !error.isTextual()) {
        throw unknown();
      }
      Strings.requireWellFormed(error.textValue(), "status.failed.error");
      return new JobStatus.Failed(error.textValue());
    }
    throw unknown();
  }

  private static JobStatus complete(JsonNode complete) {
    if (!complete.isObject()) {
      throw unknown();
    }
    JsonNode finished = complete.get("finished_at");
    JsonNode duration = complete.get("duration_ms");
    Long finishedAt = finished != null && finished.isTextual()
        ? Rfc3339.parseMillis(finished.textValue())
        : null;
    Long durationMs = duration == null ? null : Fields.nonNegativeLong(duration);
    if (finishedAt == null || durationMs == null) {
      throw unknown();
    }
    return new JobStatus.Complete(finishedAt, durationMs);
  }

  private static Rejection unknown() {
    return new Rejection(DeadLetterReason.UNKNOWN_STATUS, "status is not one of the five forms");
  }
}
