package org.dndguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.SkipRecord;
import org.dndguard.engine.SkipRecords;
import org.dndguard.engine.StepOutcome;
import org.dndguard.messaging.MessageStatus;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.store.ContactService;
import org.junit.jupiter.api.Test;

/**
 * Quiet hours in a cluster: a deferred step is one of the engine's own timer jobs, so when its
 * window opens the job executors of both nodes race for it and exactly one runs it.
 */
class ClusterQuietHoursTest {

  private static final int INSTANCES = 40;
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void aDeferredStepRunsExactlyOnceWhileBothNodesJobExecutorsRaceForIt() {
    try (ClusterFixture cluster = ClusterFixture.start("--dnd.quiet-hours.enabled=true")) {
      ContactService contacts = cluster.a().bean(ContactService.class);
      List<ClusterFixture.TestContact> people = new ArrayList<>();
      List<ProcessInstance> instances = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        ClusterFixture.TestContact contact = cluster.register("quiet");
        inZone(contacts, contact, zoneWhereItIs(3));
        people.add(contact);
        instances.add(ClusterFixture.start(i % 2 == 0 ? cluster.a() : cluster.b(), "cluster-quiet-hours", contact,
            Map.of()));
      }

      ManagementService management = cluster.a().bean(ProcessEngine.class).getManagementService();
      List<Job> deferrals = management.createJobQuery().processDefinitionKey("cluster-quiet-hours").list();
      assertThat(deferrals).hasSize(INSTANCES);
      SkipRecords skipRecords = cluster.a().bean(SkipRecords.class);
      for (ProcessInstance instance : instances) {
        assertThat(skipRecords.ofProcessInstance(instance.getId())).extracting(SkipRecord::outcome)
            .containsExactly(StepOutcome.DEFERRED);
      }

      // the window opens: the contacts are now where it is midday, and the timers are due
      for (ClusterFixture.TestContact contact : people) {
        inZone(contacts, contact, zoneWhereItIs(12));
      }
      for (Job job : deferrals) {
        management.setJobDuedate(job.getId(), new Date());
      }

      await().atMost(PATIENCE).until(() -> cluster.a().runtime().createProcessInstanceQuery()
          .processDefinitionKey("cluster-quiet-hours").count() == 0);
      Outbox outbox = cluster.a().bean(Outbox.class);
      for (ClusterFixture.TestContact contact : people) {
        List<OutboxMessage> messages = outbox.messagesOf(contact.id(), null, 0, 10);
        assertThat(messages).as("outbox of %s", contact.id()).hasSize(1);
      }
      await().atMost(PATIENCE).until(() -> people.stream().allMatch(contact ->
          outbox.messagesOf(contact.id(), MessageStatus.SENT, 0, 10).size() == 1));
      Map<String, Long> sent = cluster.timesSent();
      for (ProcessInstance instance : instances) {
        assertThat(sent.entrySet()).as("texts of %s", instance.getId())
            .filteredOn(e -> e.getKey().contains("Deferred text of " + instance.getId()))
            .singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo(1L));
      }
      assertThat(management.createJobQuery().processDefinitionKey("cluster-quiet-hours").count()).isZero();
    }
  }

  private static void inZone(ContactService contacts, ClusterFixture.TestContact contact, String zone) {
    contacts.register(contact.id(), new ContactAddresses(contact.phone(), contact.email(), null, null, null), zone,
        Evidence.user("cluster-test", Instant.now()));
  }

  /** A fixed-offset zone in which the local hour is now {@code hour}. */
  private static String zoneWhereItIs(int hour) {
    int offset = Math.floorMod(hour - Instant.now().atOffset(ZoneOffset.UTC).getHour() + 12, 24) - 12;
    // Etc/GMT+5 is UTC-5: the sign of the POSIX names is inverted
    return offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
  }
}
