package dev.syncview.runtime;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Refuses to start under an application id whose state an earlier release built another way: its
 * stores and topics hold formats this one does not read, and its committed input offsets would
 * make the new stores start empty halfway through the topics. The way forward is a side-by-side
 * rebuild under a new id (README, "Upgrading").
 */
public final class EarlierLayout {
  /** Internal topics only the earlier write path (job gate, source stage, view writer) created. */
  static final List<String> EARLIER_TOPICS =
      List.of("source-jobs-changelog", "job-gate-changelog", "jobs-by-source-repartition", "view-changelog");

  private EarlierLayout() {}

  /** Thrown when the application id holds an earlier layout's state. */
  public static final class Found extends RuntimeException {
    Found(String message) {
      super(message);
    }
  }

  public static void refuse(Admin admin, String applicationId) throws InterruptedException {
    Set<String> topics;
    try {
      topics = admin.listTopics().names().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
    }
    for (String suffix : EARLIER_TOPICS) {
      String topic = applicationId + "-" + suffix;
      if (topics.contains(topic)) {
        throw new Found(
            "application id " + applicationId + " holds a view built by an earlier release (topic " + topic
                + " exists), which this release cannot continue: start it under a new APPLICATION_ID"
                + " beside the running one and cut over once it has caught up (README, Upgrading)");
      }
    }
  }
}
