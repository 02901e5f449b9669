package org.dndguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention on two engines with one PostgreSQL database, their job executors running, the engine
 * clock moved: the one retention job is run by one node at a time, deletes what is due, keeps the
 * evidence of a DND in force, and neither node meets a conflict (no failed job, no incident).
 */
class ClusterRetentionTest {

  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final String JOB_TYPE = "dnd-guard-retention";

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void twoEnginesPruneWithoutConflictAndKeepTheEvidenceOfADndInForce() {
    // a small batch, so that the pruning takes many runs, some by each node
    try (ClusterFixture cluster = ClusterFixture.start("--dnd.retention.batch-size=7",
        "--dnd.retention.interval=1m")) {
      JdbcClient sql = cluster.sql();
      assertThat(retentionJobs(sql)).as("two nodes started, one retention job").isEqualTo(1);
      ContactService contacts = cluster.a().bean(ContactService.class);
      DndService dnd = cluster.b().bean(DndService.class);
      Instant now = Instant.now();
      String kept = "c-ret-" + UUID.randomUUID();
      contacts.register(kept, new ContactAddresses(null, kept + "@example.com", null, null, null),
          Evidence.user("test", now));
      dnd.set(kept, DndTarget.SMS, Evidence.user("demo", "asked by phone", now));
      for (int i = 0; i < 40; i++) {
        String gone = "c-ret-" + i + "-" + UUID.randomUUID();
        contacts.register(gone, new ContactAddresses(null, null, null, null, null), Evidence.user("test", now));
        dnd.set(gone, DndTarget.EMAIL, Evidence.user("demo", now));
        dnd.clear(gone, DndTarget.EMAIL, Evidence.user("demo", now));
      }
      sql.sql("INSERT INTO DND_PROVIDER_EVENT (PROVIDER, EVENT_KEY, KIND, OUTCOME, RECEIVED_AT)"
              + " SELECT 'TWILIO', 'sms:SM' || g, 'TWILIO_SMS', 'DND_SET', ? FROM generate_series(1, 50) g")
          .param(OffsetDateTime.now(ZoneOffset.UTC)).update();

      ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(31))));
      await().atMost(PATIENCE).until(() -> count(sql, "SELECT COUNT(*) FROM DND_PROVIDER_EVENT") == 0);
      assertThat(count(sql, "SELECT COUNT(*) FROM DND_AUDIT")).as("audit rows are kept five years").isEqualTo(122);

      ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(6 * 366))));
      await().atMost(PATIENCE).until(() -> count(sql, "SELECT COUNT(*) FROM DND_AUDIT") == 1);
      assertThat(sql.sql("SELECT CONTACT_ID || ' ' || ACTION || ' ' || TARGET FROM DND_AUDIT").query(String.class)
          .single()).isEqualTo(kept + " SET SMS");

      for (ClusterNode node : cluster.nodes()) {
        ProcessEngine engine = node.bean(ProcessEngine.class);
        ManagementService management = engine.getManagementService();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).as("incidents on %s", node).isZero();
        assertThat(management.createJobQuery().withException().count()).as("failed jobs on %s", node).isZero();
      }
      assertThat(count(sql, "SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_DEF_TYPE_ = '" + JOB_TYPE + "' AND JOB_EXCEPTION_MSG_"
          + " IS NOT NULL")).as("failed attempts in the job log").isZero();
      await().atMost(PATIENCE).until(() -> retentionJobs(sql) == 1);
    }
  }

  private static long retentionJobs(JdbcClient sql) {
    return count(sql, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = '" + JOB_TYPE + "'");
  }

  private static long count(JdbcClient sql, String query) {
    return sql.sql(query).query(Long.class).single();
  }
}
