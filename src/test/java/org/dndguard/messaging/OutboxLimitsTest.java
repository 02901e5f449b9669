package org.dndguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dndguard.autoconfigure.MessagingContexts;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndClock;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.ContactService;
import org.dndguard.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * The outbox and communication limits, with a rule "SMS, 2 per 24 hours": a manual message over
 * the limit is held, never dropped, until the rule's next place frees, and goes out then; an
 * operator's override with a reason goes at once, counts, and is audited; a transactional message
 * ({@code limit=exempt}) is never held and, by default, not counted; a message the provider
 * certainly did not take gives its place back. Dispatch goes mostly to the logging
 * dispatcher, whose messages count as sent ones do (what matters here is whether, and when, a
 * message goes).
 */
class OutboxLimitsTest {

  private static final Instant NOON = Instant.parse("2026-03-04T12:00:00Z");

  private final MutableClock clock = new MutableClock(NOON);

  private ApplicationContextRunner runner() {
    return MessagingContexts.onH2()
        .withBean(DndClock.class, () -> new DndClock(clock))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("dnd.messaging.dispatch.log-only=true",
            "dnd.limits.rules[0].name=sms-24h",
            "dnd.limits.rules[0].channels=SMS",
            "dnd.limits.rules[0].count=2",
            "dnd.limits.rules[0].window=PT24H");
  }

  @Test
  void manualTextsOverTheLimitAreHeldUntilThePlaceFreesAndGoOutThen() {
    runner().run(context -> {
      register(context, "ann");
      OutboxMessage first = manual(context, "One");
      OutboxMessage second = manual(context, "Two");
      OutboxMessage third = manual(context, "Three");

      worker(context).dispatchDue();

      assertThat(status(context, first)).isEqualTo(MessageStatus.LOGGED);
      assertThat(status(context, second)).isEqualTo(MessageStatus.LOGGED);
      OutboxMessage held = outbox(context).find(third.id()).orElseThrow();
      assertThat(held.status()).isEqualTo(MessageStatus.PENDING);
      assertThat(held.heldUntil()).isEqualTo(NOON.plus(Duration.ofHours(24)));
      assertThat(held.nextAttemptAt()).isEqualTo(held.heldUntil());
      assertThat(held.detail()).contains("communication limit 'sms-24h'").contains("2 of 2 used");
      assertThat(counts(context).count("ann")).isEqualTo(2);
      assertThat(context.getBean(MeterRegistry.class).find("dnd.limits.held").tag("rule", "sms-24h").counter()
          .count()).isEqualTo(1.0);

      // a message queued while the rule is full says at once until when it waits
      OutboxMessage fourth = manual(context, "Four");
      assertThat(fourth.heldUntil()).isEqualTo(NOON.plus(Duration.ofHours(24)));

      clock.set(NOON.plus(Duration.ofHours(24)).minusSeconds(1));
      assertThat(worker(context).dispatchDue().claimed()).isZero();

      clock.set(NOON.plus(Duration.ofHours(24)));
      worker(context).dispatchDue();

      // the first two places freed together: both held messages go, and no more than that
      assertThat(status(context, third)).isEqualTo(MessageStatus.LOGGED);
      assertThat(status(context, fourth)).isEqualTo(MessageStatus.LOGGED);
      assertThat(counts(context).count("ann")).isEqualTo(4);
      OutboxMessage fifth = manual(context, "Five");
      worker(context).dispatchDue();
      assertThat(status(context, fifth)).isEqualTo(MessageStatus.PENDING);
      assertThat(outbox(context).find(fifth.id()).orElseThrow().heldUntil())
          .isEqualTo(NOON.plus(Duration.ofHours(48)));
    });
  }

  @Test
  void anOverrideWithAReasonSendsAtOnceCountsAndIsAudited() {
    runner().run(context -> {
      register(context, "ann");
      manual(context, "One");
      manual(context, "Two");
      worker(context).dispatchDue();

      OutboxMessage urgent = outbox(context).queueManual(MessageRequest.manual("ann", Channel.SMS, null,
          "Your flight moved to gate B12", "ops").overridingLimit("gate change, the passenger must know now"));
      worker(context).dispatchDue();

      assertThat(urgent.heldUntil()).isNull();
      assertThat(urgent.limit()).isEqualTo(MessageLimit.OVERRIDDEN);
      assertThat(status(context, urgent)).isEqualTo(MessageStatus.LOGGED);
      assertThat(counts(context).count("ann")).isEqualTo(3);
      List<AuditRecord> overrides = context.getBean(AuditTrail.class).inOrder("ann").stream()
          .filter(record -> record.action() == AuditAction.LIMIT_OVERRIDDEN).toList();
      assertThat(overrides).hasSize(1);
      assertThat(overrides.get(0).evidence().actor()).isEqualTo("ops");
      assertThat(overrides.get(0).evidence().note()).isEqualTo("gate change, the passenger must know now");
      assertThat(overrides.get(0).message()).contains("Message " + urgent.id());

      // without a reason nothing is queued
      assertThatThrownBy(() -> outbox(context).queueManual(MessageRequest.manual("ann", Channel.SMS, null, "Hi",
          "ops").overridingLimit("  ")))
          .isInstanceOfSatisfying(InvalidDndInputException.class,
              e -> assertThat(e.field()).isEqualTo("overrideLimit"))
          .hasMessageContaining("needs a reason");
      assertThat(outbox(context).messagesOf("ann", null, 0, 50)).hasSize(3);
    });
  }

  @Test
  void anExemptMessageIsNeverHeldAndByDefaultNotCounted() {
    runner().run(context -> {
      register(context, "ann");
      manual(context, "One");
      manual(context, "Two");
      worker(context).dispatchDue();

      OutboxMessage code = outbox(context).queueManual(MessageRequest.manual("ann", Channel.SMS, null,
          "Your login code is 123456", "ops").withLimit(MessageLimit.EXEMPT));
      worker(context).dispatchDue();

      assertThat(status(context, code)).isEqualTo(MessageStatus.LOGGED);
      assertThat(counts(context).count("ann")).isEqualTo(2);
    });
  }

  @Test
  void thePlaceIsGivenBackWhenTheProviderCertainlyDidNotTakeTheMessage() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    MessagingContexts.onH2()
        .withBean(DndClock.class, () -> new DndClock(clock))
        .withPropertyValues(
            "dnd.webhooks.public-base-url=https://dnd.example.com/",
            "dnd.messaging.twilio.base-url=http://127.0.0.1:" + closedPort,
            "dnd.messaging.twilio.account-sid=AC0123",
            "dnd.messaging.twilio.auth-token=twilio-token",
            "dnd.messaging.twilio.from=+15005550006",
            "dnd.messaging.dispatch.max-attempts=2",
            "dnd.messaging.dispatch.backoff=1m",
            "dnd.limits.rules[0].name=sms-24h",
            "dnd.limits.rules[0].channels=SMS",
            "dnd.limits.rules[0].count=1",
            "dnd.limits.rules[0].window=PT24H")
        .run(context -> {
          register(context, "ann");
          OutboxMessage text = manual(context, "One");

          // the connection is refused: certainly not sent, tried again later, the place given back
          assertThat(worker(context).dispatchDue().retried()).isEqualTo(1);
          assertThat(status(context, text)).isEqualTo(MessageStatus.PENDING);
          assertThat(counts(context).count("ann")).isZero();

          clock.set(NOON.plusSeconds(60));
          worker(context).dispatchDue();

          // the last attempt failed: FAILED, and the rule's only place is free again
          assertThat(status(context, text)).isEqualTo(MessageStatus.FAILED);
          assertThat(counts(context).count("ann")).isZero();
          assertThat(manual(context, "Two").heldUntil()).isNull();
        });
  }

  private static OutboxMessage manual(ApplicationContext context, String body) {
    return outbox(context).queueManual(MessageRequest.manual("ann", Channel.SMS, null, body, "demo"));
  }

  private static MessageStatus status(ApplicationContext context, OutboxMessage message) {
    return outbox(context).find(message.id()).orElseThrow().status();
  }

  private void register(ApplicationContext context, String id) {
    context.getBean(ContactService.class).register(id, new ContactAddresses("+1 212 555 0100", null, null, null,
        null), Evidence.user("test", clock.instant()));
  }

  private static Outbox outbox(ApplicationContext context) {
    return context.getBean(Outbox.class);
  }

  private static OutboxWorker worker(ApplicationContext context) {
    return context.getBean(OutboxWorker.class);
  }

  private static CommunicationCounts counts(ApplicationContext context) {
    return context.getBean(CommunicationCounts.class);
  }
}
