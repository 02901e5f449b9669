package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndTables;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Skip records on both databases: they commit and roll back with the caller's connection, and queries narrow. */
class SkipRecordsTest {

  static Stream<Arguments> databases() {
    return Stream.of(Arguments.of("H2", (Supplier<DataSource>) TestDatabases::h2),
        Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::postgres));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aRecordCommitsAndRollsBackWithTheCallersTransaction(String name, Supplier<DataSource> database)
      throws Exception {
    DataSource dataSource = database.get();
    SkipRecords records = new SkipRecords(new DndTables(dataSource, DndSchema.migrate(dataSource)));
    Instant since = Instant.parse("2026-11-27T08:00:00Z");

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      records.append(connection, record("pi-1", "sendSms", Channel.SMS, "c-1", StepOutcome.SKIPPED, since));
      connection.rollback();
      records.append(connection, record("pi-1", "sendSms", Channel.SMS, "c-1", StepOutcome.SKIPPED, since));
      records.append(connection, record("pi-1", "sendEmail", Channel.EMAIL, "c-1", StepOutcome.ROUTED, since));
      records.append(connection, record("pi-2", "sendSms", Channel.SMS, "c-2", StepOutcome.SKIPPED, since));
      connection.commit();
    }

    assertThat(records.ofProcessInstance("pi-1")).extracting(SkipRecord::activityId)
        .containsExactly("sendSms", "sendEmail");
    SkipRecord first = records.ofProcessInstance("pi-1").get(0);
    assertThat(first.id()).isNotNull();
    assertThat(first.blockedSince()).isEqualTo(since);
    assertThat(first.recordedAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    assertThat(first.detail()).isEqualTo("SMS is in DND for contact c-1");
    assertThat(records.query().processInstanceId("pi-1").outcome(StepOutcome.ROUTED).list())
        .singleElement().satisfies(r -> assertThat(r.channel()).isEqualTo(Channel.EMAIL));
    assertThat(records.query().activityId("sendSms").count()).isEqualTo(2);
    assertThat(records.query().contactId("c-2").channel(Channel.SMS).count()).isEqualTo(1);
    assertThat(records.query().count()).isEqualTo(3);
    assertThat(records.ofProcessInstance("pi-unknown")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aQueryCriterionNeedsAValue(String name, Supplier<DataSource> database) {
    DataSource dataSource = database.get();
    SkipRecords records = new SkipRecords(new DndTables(dataSource, DndSchema.migrate(dataSource)));

    assertThatThrownBy(() -> records.query().processInstanceId(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PROCESS_INSTANCE_ID was null");
  }

  private static SkipRecord record(String processInstanceId, String activityId, Channel channel, String contactId,
      StepOutcome outcome, Instant since) {
    return new SkipRecord(null, processInstanceId, "campaign:1:" + processInstanceId, activityId,
        activityId + ":" + processInstanceId, channel, contactId, outcome, DndTarget.of(channel), DndReason.MANUAL,
        since, channel + " is in DND for contact " + contactId, Instant.now());
  }
}
