package org.dndguard.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.dndguard.app.DndGuardApplication;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.DeliveryQueue;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.TestDatabases;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node that stops between a DND change's commit and its delivery: the change's DndChanged is
 * delivered afterwards, once, by another node on the same PostgreSQL database. Node A runs without
 * a job executor, so that it certainly stops before delivering; node B's job executor delivers.
 * The reference app's sample {@code dnd-changed-review} starts on every change, so its instances
 * count the deliveries.
 */
class DurableDeliveryTest {

  @Test
  void aChangeWhoseNodeStopsBeforeDeliveringIsDeliveredAfterwardsOnceByAnotherNode() throws Exception {
    String url = TestDatabases.postgresUrl(TestDatabases.postgres());
    String contactId = "durable-" + System.nanoTime();

    // given: node A commits the change and stops before delivering it
    try (ConfigurableApplicationContext a = start(url, false)) {
      a.getBean(ContactService.class).register(contactId, ContactAddresses.none(),
          Evidence.user("test", null, Instant.now()));
      a.getBean(DndService.class).set(contactId, DndTarget.SMS, Evidence.user("test", null, Instant.now()));

      assertThat(a.getBean(DeliveryQueue.class).pending()).isEqualTo(1);
      assertThat(startedFor(a, contactId)).isZero();
    }

    // when: node B starts on the same database
    try (ConfigurableApplicationContext b = start(url, true)) {
      DeliveryQueue deliveries = b.getBean(DeliveryQueue.class);
      Awaitility.await().atMost(Duration.ofSeconds(90))
          .until(() -> deliveries.pending() == 0 && startedFor(b, contactId) > 0);

      // then: delivered, once. A job stays in the job table until the transaction that runs it
      // commits, so with no delivery job left, pending or spent, nothing can deliver a second time.
      assertThat(deliveries.pending()).as("no delivery left to run").isZero();
      assertThat(deliveries.failed()).as("no delivery spent its attempts").isZero();
      assertThat(startedFor(b, contactId)).as("delivered once").isEqualTo(1);
    }
  }

  private static long startedFor(ConfigurableApplicationContext app, String contactId) {
    return app.getBean(HistoryService.class).createHistoricProcessInstanceQuery()
        .processDefinitionKey("dnd-changed-review").processInstanceBusinessKey(contactId).count();
  }

  private static ConfigurableApplicationContext start(String url, boolean jobExecutor) {
    List<String> args = new ArrayList<>(List.of(
        // read no application.properties: the tests' one points every context at an in-memory H2
        "--spring.config.location=optional:classpath:/no-such-config/",
        "--spring.profiles.active=postgres", "--DND_DB_URL=" + url, "--DND_DB_USER=postgres",
        "--server.port=0", "--camunda.bpm.generate-unique-process-engine-name=true",
        "--camunda.bpm.job-execution.enabled=" + jobExecutor, "--dnd.messaging.dispatch.enabled=false",
        "--logging.level.org.camunda=WARN"));
    return SpringApplication.run(DndGuardApplication.class, args.toArray(String[]::new));
  }
}
