package org.dndguard.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.store.internal.Columns;
import org.dndguard.store.internal.ConsentFile;
import org.dndguard.store.internal.RowCursor;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The consent file's merge on both databases: four tables' cursors, each longer than a fetch
 * (so PostgreSQL's driver fetches each in several round trips, all open at once in one
 * transaction), interleaved in time, come out in time order, each row once, the contact's only.
 */
class ConsentFileOnDatabasesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STEPS_AND_MESSAGES = RowCursor.FETCH_SIZE + 150;

  static Stream<Arguments> databases() {
    return Stream.of(Arguments.of("H2", TestDatabases.h2()), Arguments.of("PostgreSQL", TestDatabases.postgres()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void fourTablesMergeInTimeOrderEachRowOnceAndTheFileVerifies(String name, DataSource dataSource) throws Exception {
    StoreFixture store = new StoreFixture(dataSource);
    Instant start = store.clock.instant();
    store.contacts.register("ann", new ContactAddresses("+14155550100", null, null, null, null),
        Evidence.user("demo", start));
    store.contacts.register("bob", new ContactAddresses("+14155550199", null, null, null, null),
        Evidence.user("demo", start));
    // a provider event for ann's number, then the opt-out it caused, a second later
    store.jdbc.sql("INSERT INTO DND_PROVIDER_EVENT (PROVIDER, EVENT_KEY, KIND, ADDRESS_KIND, ADDRESS, OUTCOME, DETAIL,"
            + " RECEIVED_AT) VALUES ('TWILIO', 'sms:SM1', 'TWILIO_SMS', 'PHONE', '+14155550100', 'DND_SET',"
            + " 'keyword STOP', ?)").param(Columns.utc(start.plusSeconds(1))).update();
    store.jdbc.sql("INSERT INTO DND_PROVIDER_EVENT (PROVIDER, EVENT_KEY, KIND, ADDRESS_KIND, ADDRESS, OUTCOME,"
            + " RECEIVED_AT) VALUES ('TWILIO', 'sms:SM2', 'TWILIO_SMS', 'PHONE', '+14155550199', 'DND_SET', ?)")
        .param(Columns.utc(start.plusSeconds(1))).update();
    store.clock.set(start.plusSeconds(2));
    store.dnd.apply("ann", new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT,
        Evidence.providerEvent(Source.TWILIO, "SM1", start.plusSeconds(1)).actor("AC1").message("SM1").keyword("STOP")
            .build()));
    // steps and messages take turns, every 10 ms from 3 s on; bob has some too
    for (int i = 0; i < STEPS_AND_MESSAGES; i++) {
      Instant step = start.plusSeconds(3).plusMillis(20L * i);
      Instant message = step.plusMillis(10);
      for (String contact : List.of("ann", "bob")) {
        store.jdbc.sql("INSERT INTO DND_SKIP (PROCESS_INSTANCE_ID, ACTIVITY_ID, ACTIVITY_INSTANCE_ID, CHANNEL,"
                + " CONTACT_ID, OUTCOME, BLOCKED_BY, REASON, BLOCKED_SINCE, RECORDED_AT) VALUES (?, 'text', ?, 'SMS',"
                + " ?, 'SKIPPED', 'SMS', 'SMS_OPT_OUT', ?, ?)")
            .params("pi-" + i, "text:" + i, contact, Columns.utc(start), Columns.utc(step)).update();
        store.jdbc.sql("INSERT INTO DND_OUTBOX (CONTACT_ID, CHANNEL, RECIPIENT, BODY, COMPLIANCE, ORIGIN, STATUS,"
                + " ATTEMPTS, NEXT_ATTEMPT_AT, CREATED_AT, UPDATED_AT) VALUES (?, 'EMAIL', 'x@example.com', 'Hello',"
                + " 'NOT_DUE', 'WORKFLOW', 'BLOCKED', 0, ?, ?, ?)")
            .params(contact, Columns.utc(message), Columns.utc(message), Columns.utc(message)).update();
      }
    }
    store.clock.set(start.plus(Duration.ofHours(1)));
    // only the contact may lift an opt-out: the clear is refused, and the refusal is on the trail
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.dnd.apply("ann", new DndCommand.Clear(DndTarget.SMS,
        Evidence.user("demo", "asked", store.clock.instant())))).isInstanceOf(
        org.dndguard.contact.DndChangeRefusedException.class);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ConsentFile(new DndTables(dataSource, DndSchema.migrate(dataSource)), store.clock).writeJson("ann", out);

    byte[] bytes = out.toByteArray();
    assertThat(ConsentFile.verifies(bytes)).isTrue();
    JsonNode file = JSON.readTree(bytes);
    List<String> kinds = new ArrayList<>();
    Instant previous = Instant.MIN;
    for (JsonNode event : file.path("events")) {
      kinds.add(event.path("type").asText() + " " + event.path("what").asText());
      Instant at = Instant.parse(event.path("at").asText());
      assertThat(at).isAfterOrEqualTo(previous);
      previous = at;
      JsonNode record = event.path("record");
      assertThat(record.has("contactId") ? record.path("contactId").asText() : "ann").isEqualTo("ann");
      assertThat(record.path("eventKey").asText("sms:SM1")).isEqualTo("sms:SM1");
    }
    List<String> expected = new ArrayList<>(List.of("AUDIT ADDRESSES_CHANGED", "PROVIDER_EVENT DND_SET", "AUDIT SET"));
    for (int i = 0; i < STEPS_AND_MESSAGES; i++) {
      expected.add("STEP SKIPPED");
      expected.add("MESSAGE BLOCKED");
    }
    expected.add("AUDIT REFUSED");
    assertThat(kinds).containsExactlyElementsOf(expected);
    assertThat(file.path("eventCount").asInt()).isEqualTo(expected.size());
  }
}
