package org.dndguard.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.dndguard.autoconfigure.EngineDatabase;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.camunda.internal.RetentionJobHandler;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The retention job in the reference application (H2, its job executor off: the test runs the job
 * as the executor would), with the engine's clock moved: provider events go after their 30 days,
 * audit rows after five years, except the evidence of a DND still in force.
 */
@ReferenceAppContext
class RetentionTest {

  @Autowired
  ManagementService management;
  @Autowired
  ContactService contacts;
  @Autowired
  DndService dnd;
  @Autowired
  EngineDatabase database;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void providerEventsGoAfterTheirWindowAndAuditRowsAfterFiveYearsButNotTheEvidenceOfADndInForce() {
    JdbcClient sql = JdbcClient.create(database.dataSource());
    RetentionData data = RetentionData.create(sql, contacts, dnd);
    assertThat(retentionJobs()).as("the plugin scheduled its job when the engine started").isNotEmpty();

    // 29 days on: nothing is due
    runDueRetentionJobs(Duration.ofDays(29));
    assertThat(data.providerEventExists(sql)).isTrue();

    // 31 days on: the provider event's window (30d) has passed; the audit trail is untouched
    runDueRetentionJobs(Duration.ofDays(31));
    assertThat(data.providerEventExists(sql)).isFalse();
    assertThat(data.auditActions(sql, data.kept())).containsExactly("ADDRESSES_CHANGED", "SET");
    assertThat(data.auditActions(sql, data.cleared())).containsExactly("ADDRESSES_CHANGED", "SET", "CLEARED");

    // six years on: the audit rows are due, but the SET behind the DND in force stays
    runDueRetentionJobs(Duration.ofDays(6 * 366));
    assertThat(data.auditActions(sql, data.kept())).containsExactly("SET");
    assertThat(data.auditActions(sql, data.cleared())).isEmpty();
    assertThat(dnd.record(data.kept()).isActive(DndTarget.SMS)).isTrue();
    assertThat(retentionJobs()).as("one job, waiting for its next run").hasSize(1)
        .allSatisfy(job -> assertThat(job.getDuedate()).isAfter(ClockUtil.getCurrentTime()));
  }

  /** Moves the engine's clock to now + {@code later} and runs the retention job until it is caught up. */
  private void runDueRetentionJobs(Duration later) {
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(later)));
    for (int run = 0; run < 10_000; run++) {
      List<Job> due = retentionJobs().stream().filter(job -> !job.getDuedate().after(ClockUtil.getCurrentTime()))
          .toList();
      if (due.isEmpty()) {
        return;
      }
      management.executeJob(due.get(0).getId());
    }
    throw new AssertionError("the retention job did not catch up in 10,000 runs");
  }

  private List<Job> retentionJobs() {
    return management.createJobQuery().list().stream()
        .filter(job -> RetentionJobHandler.TYPE.equals(((JobEntity) job).getJobHandlerType())).toList();
  }

  /** The rows a retention test starts from, shared with the cluster's test. */
  record RetentionData(String kept, String cleared, String eventKey) {

    static RetentionData create(JdbcClient sql, ContactService contacts, DndService dnd) {
      String kept = "c-ret-" + UUID.randomUUID();
      String cleared = "c-ret-" + UUID.randomUUID();
      Instant now = Instant.now();
      contacts.register(kept, new ContactAddresses(null, kept + "@example.com", null, null, null),
          Evidence.user("test", now));
      contacts.register(cleared, new ContactAddresses(null, cleared + "@example.com", null, null, null),
          Evidence.user("test", now));
      dnd.set(kept, DndTarget.SMS, Evidence.user("demo", "asked by phone", now));
      dnd.set(cleared, DndTarget.EMAIL, Evidence.user("demo", now));
      dnd.clear(cleared, DndTarget.EMAIL, Evidence.user("demo", now));
      String eventKey = "sms:SM" + UUID.randomUUID().toString().replace("-", "");
      sql.sql("INSERT INTO DND_PROVIDER_EVENT (PROVIDER, EVENT_KEY, KIND, OUTCOME, RECEIVED_AT)"
              + " VALUES ('TWILIO', ?, 'TWILIO_SMS', 'DND_SET', ?)")
          .params(eventKey, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)).update();
      return new RetentionData(kept, cleared, eventKey);
    }

    boolean providerEventExists(JdbcClient sql) {
      return sql.sql("SELECT COUNT(*) FROM DND_PROVIDER_EVENT WHERE EVENT_KEY = ?").param(eventKey)
          .query(Long.class).single() > 0;
    }

    List<String> auditActions(JdbcClient sql, String contactId) {
      return sql.sql("SELECT ACTION FROM DND_AUDIT WHERE CONTACT_ID = ? ORDER BY ID").param(contactId)
          .query(String.class).list();
    }
  }
}
