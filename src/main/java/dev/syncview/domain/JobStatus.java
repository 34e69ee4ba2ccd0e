package dev.syncview.domain;

/** The five status forms of a job, exactly as the API defines them. */
public sealed interface JobStatus {

  StatusKind kind();

  record Pending() implements JobStatus {
    public StatusKind kind() {
      return StatusKind.PENDING;
    }
  }

  record Processing() implements JobStatus {
    public StatusKind kind() {
      return StatusKind.PROCESSING;
    }
  }

  record Cancelled() implements JobStatus {
    public StatusKind kind() {
      return StatusKind.CANCELLED;
    }
  }

  /** A finished job: {@code finishedAt} in epoch milliseconds (already truncated). */
  record Complete(long finishedAt, long durationMs) implements JobStatus {
    public Complete {
      if (durationMs < 0) {
        throw new IllegalArgumentException("duration_ms must be >= 0");
      }
    }

    public StatusKind kind() {
      return StatusKind.COMPLETE;
    }
  }

  record Failed(String error) implements JobStatus {
    public StatusKind kind() {
      return StatusKind.FAILED;
    }
  }
}
