package dev.syncview.rules;

import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.JobItem;

/** What joining a job with its source gives: a listable item, or a reason it is never listed. */
public sealed interface JoinOutcome {
  record Listed(JobItem item) implements JoinOutcome {}

  record Rejected(DeadLetterReason reason, String message) implements JoinOutcome {}
}
