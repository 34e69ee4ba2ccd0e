package dev.syncview.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.config.Topics;
import dev.syncview.query.Freshness.InputPosition;
import dev.syncview.testing.Events;
import dev.syncview.testing.Producing;
import dev.syncview.testing.RunningService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes waits share one poller: however many requests wait, the admin API is asked
 * once per poll, and a position already applied costs no admin call at all.
 */
class AppliedPositionsIntegrationTest {

  @Test
  void shouldPollOnceForAllWaitingRequestsAndNotAtAllForAnAppliedPosition() throws Exception {
    try (RunningService service = new RunningService().start();
        Producing kafka = new Producing(service.bootstrapServers());
        Admin real = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers()))) {
      AtomicInteger groupReads = new AtomicInteger();
      Admin counting = counting(real, groupReads);
      try (AppliedPositions positions =
          new AppliedPositions(counting, service.applicationId(), Topics.defaults(service.applicationId()), new StreamsStatus(() -> null))) {
        // Given a job just published
        String src = UUID.randomUUID().toString();
        String job = UUID.randomUUID().toString();
        kafka.send("sync.sources", src, Events.githubSource(src, "acme", "docs"));
        RecordMetadata m = kafka.send("sync.jobs", job, Events.job(job, "acme", src));
        InputPosition p = new InputPosition(m.topic(), m.partition(), m.offset());

        // When 20 requests wait for it at once
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<?>> waits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          waits.add(pool.submit(() -> positions.await(List.of(p, p, p), Duration.ofSeconds(30))));
        }
        for (Future<?> w : waits) {
          w.get();
        }
        pool.shutdown();

        // Then the group's offsets were read fewer times than there were requests (one poller)
        int polls = groupReads.get();
        assertThat(polls).isPositive().isLessThan(20);

        // and the position, now applied, answers with no admin call
        positions.await(List.of(p), Duration.ofSeconds(30));
        assertThat(groupReads.get()).isEqualTo(polls);
      }
    }
  }

  /** The admin client, counting how often the group's committed offsets are read. */
  static Admin counting(Admin real, AtomicInteger groupReads) {
    return (Admin) Proxy.newProxyInstance(
        Admin.class.getClassLoader(),
        new Class<?>[] {Admin.class},
        (proxy, method, args) -> {
          if (method.getName().equals("listConsumerGroupOffsets")) {
            groupReads.incrementAndGet();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
