package org.dndguard.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.dndguard.autoconfigure.MessagingContexts;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndClock;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.MutableClock;
import org.dndguard.testsupport.ProviderStandIn;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Twilio's 21610 at send time (the recipient texted STOP to the sender) whose DND write fails: the
 * message is BLOCKED and never sent again, and the DND it owes is set by a later dispatch run, on
 * H2 and on PostgreSQL. The first write fails in the database itself: a check constraint that
 * refuses the opt-out's row, dropped before the next run.
 */
class OwedOptOutTest {

  @RegisterExtension
  static final ProviderStandIn TWILIO = new ProviderStandIn();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @BeforeEach
  void unsubscribed() {
    TWILIO.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages.json")).willReturn(aResponse()
        .withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\", \"status\": 400}")));
  }

  private ApplicationContextRunner runner(String database) {
    ApplicationContextRunner runner = database.equals("postgres")
        ? MessagingContexts.on(TestDatabases.postgresUrl(TestDatabases.postgres()))
            .withPropertyValues("spring.datasource.username=postgres")
        : MessagingContexts.onH2();
    return runner.withBean(DndClock.class, () -> new DndClock(clock)).withPropertyValues(
        "dnd.messaging.twilio.base-url=" + TWILIO.baseUrl(),
        "dnd.messaging.twilio.account-sid=AC0123",
        "dnd.messaging.twilio.auth-token=twilio-token",
        "dnd.messaging.twilio.from=+15005550006",
        "dnd.messaging.twilio.status-callback=false");
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"h2", "postgres"})
  void aDndWriteThatFailsAtSendTimeIsSetByTheNextRunAndTheMessageIsNeverSentAgain(String database) {
    runner(database).run(context -> {
      JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
      DndService dnd = context.getBean(DndService.class);
      context.getBean(ContactService.class).register("ann", new ContactAddresses("+14155550100", null, null, null,
          null), Evidence.user("test", clock.instant()));
      Outbox outbox = context.getBean(Outbox.class);
      OutboxMessage queued = outbox.queueManual(MessageRequest.manual("ann", Channel.SMS, null, "Hi", "demo"));
      // the database refuses the opt-out's DND row: the first write fails for real
      jdbc.sql("ALTER TABLE DND_ENTRY ADD CONSTRAINT DND_TEST_REFUSES_CARRIER CHECK (REASON <> 'CARRIER_PERMANENT')")
          .update();
      OutboxWorker worker = context.getBean(OutboxWorker.class);

      assertThat(worker.dispatchDue().blocked()).isEqualTo(1);

      OutboxMessage blocked = outbox.find(queued.id()).orElseThrow();
      assertThat(blocked.status()).isEqualTo(MessageStatus.BLOCKED);
      assertThat(blocked.dndReason()).isEqualTo(DndReason.CARRIER_PERMANENT);
      assertThat(blocked.detail()).startsWith("Twilio answered HTTP 400, error 21610: Attempt to send to"
          + " unsubscribed recipient; DND for +14155550100 could not be set yet (")
          .endsWith("): dispatch sets it again until it lands");
      assertThat(dnd.record("ann").blockingEntry(Channel.SMS)).isEmpty();

      // still failing: the next run tries, fails again, and the DND stays owed
      clock.advance(Duration.ofMinutes(1));
      worker.dispatchDue();
      assertThat(dnd.record("ann").blockingEntry(Channel.SMS)).isEmpty();
      assertThat(owed(jdbc, queued.id())).isEqualTo(1);

      jdbc.sql("ALTER TABLE DND_ENTRY DROP CONSTRAINT DND_TEST_REFUSES_CARRIER").update();
      clock.advance(Duration.ofMinutes(1));
      worker.dispatchDue();

      DndEntry entry = dnd.record("ann").blockingEntry(Channel.SMS).orElseThrow();
      assertThat(entry.reason()).isEqualTo(DndReason.CARRIER_PERMANENT);
      assertThat(entry.evidence().source()).isEqualTo(Source.TWILIO);
      assertThat(entry.evidence().code()).isEqualTo("21610");
      assertThat(entry.evidence().messageId()).isEqualTo(String.valueOf(queued.id()));
      assertThat(owed(jdbc, queued.id())).isZero();
      OutboxMessage settled = outbox.find(queued.id()).orElseThrow();
      assertThat(settled.status()).isEqualTo(MessageStatus.BLOCKED);
      assertThat(settled.detail()).isEqualTo("Twilio answered HTTP 400, error 21610: Attempt to send to"
          + " unsubscribed recipient; DND set for +14155550100 on a later dispatch run");
      assertThat(dnd.history("ann", 0, 10)).anySatisfy(row -> assertThat(row.evidence().code()).isEqualTo("21610"));

      clock.advance(Duration.ofHours(1));
      worker.dispatchDue();
      TWILIO.verify(1, anyRequestedFor(anyUrl()));
    });
  }

  private static int owed(JdbcClient jdbc, long id) {
    return jdbc.sql("SELECT COUNT(*) FROM DND_OUTBOX WHERE ID = ? AND OPT_OUT_SOURCE IS NOT NULL").param(id)
        .query(Integer.class).single();
  }
}
