package org.dndguard.cluster;

import java.time.Duration;
import javax.sql.DataSource;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the cluster tests add to each node, besides the reference application: the probe that
 * records every communication step ({@code ${clusterProbe}}) and a step that takes a while
 * ({@code ${slowStep}}).
 */
@Configuration(proxyBeanMethods = false)
class ClusterProbes {

  /** The probe's table, created by the fixture before the nodes start. */
  static final String TABLE_DDL = "CREATE TABLE CLUSTER_STEP ("
      + " ACTIVITY_INSTANCE_ID VARCHAR(320) NOT NULL PRIMARY KEY,"
      + " PROCESS_INSTANCE_ID VARCHAR(64) NOT NULL,"
      + " ACTIVITY_ID VARCHAR(255) NOT NULL,"
      + " CONTACT_ID VARCHAR(255) NOT NULL,"
      + " ROUND INTEGER NOT NULL,"
      + " NODE VARCHAR(16) NOT NULL,"
      + " SNAPSHOT_AT_START TEXT NOT NULL,"
      + " SNAPSHOT_AT_END TEXT)";

  @Bean
  StepProbe clusterProbe(DataSource dataSource, @Value("${cluster.node}") String node) {
    return new StepProbe(new JdbcTemplate(dataSource), node);
  }

  @Bean
  JavaDelegate slowStep(@Value("${cluster.slow-step:500ms}") Duration duration) {
    return execution -> Thread.sleep(duration.toMillis());
  }

  /**
   * Records, in the step's own transaction, which node ran a communication step and PostgreSQL's
   * snapshot (which transactions had committed) just before DND Guard's check and just after the
   * step's work. A step that rolls back leaves no row, like its outbox message and skip record. The
   * start listener runs right before the guarded behaviour, the end listener right after it, skipped
   * or not, so the two snapshots enclose the moment the guard read the contact's DND.
   */
  static final class StepProbe implements ExecutionListener {

    private final JdbcTemplate jdbc;
    private final String node;

    StepProbe(JdbcTemplate jdbc, String node) {
      this.jdbc = jdbc;
      this.node = node;
    }

    @Override
    public void notify(DelegateExecution execution) {
      if (EVENTNAME_START.equals(execution.getEventName())) {
        jdbc.update("INSERT INTO CLUSTER_STEP (ACTIVITY_INSTANCE_ID, PROCESS_INSTANCE_ID, ACTIVITY_ID, CONTACT_ID,"
                + " ROUND, NODE, SNAPSHOT_AT_START) VALUES (?, ?, ?, ?, ?, ?, pg_current_snapshot()::text)",
            execution.getActivityInstanceId(), execution.getProcessInstanceId(), execution.getCurrentActivityId(),
            execution.getVariable("contactId"), ((Number) execution.getVariable("round")).intValue(), node);
      } else {
        jdbc.update("UPDATE CLUSTER_STEP SET SNAPSHOT_AT_END = pg_current_snapshot()::text"
            + " WHERE ACTIVITY_INSTANCE_ID = ?", execution.getActivityInstanceId());
      }
    }
  }
}
