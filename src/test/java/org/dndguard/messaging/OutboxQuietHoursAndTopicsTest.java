package org.dndguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.dndguard.autoconfigure.MessagingContexts;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndClock;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * The outbox and quiet hours and topics: a message due in quiet hours is held until the window
 * opens, and says until when; a message about a topic the contact left is refused when sent by
 * hand and blocked at dispatch when the contact left it after it was queued. Dispatch goes to the
 * logging dispatcher: what matters here is whether, and when, a message is sent.
 */
class OutboxQuietHoursAndTopicsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T03:30:00Z"));

  private ApplicationContextRunner runner() {
    return MessagingContexts.onH2()
        .withBean(DndClock.class, () -> new DndClock(clock))
        // no provider here: a message that is dispatched ends LOGGED
        .withPropertyValues("dnd.quiet-hours.enabled=true", "dnd.messaging.dispatch.log-only=true");
  }

  @Test
  void aManualTextDueAt2230InTheContactsZoneIsHeldUntil0800AndSentThen() {
    runner().run(context -> {
      register(context, "ann", "+1 212 555 0100");

      OutboxMessage queued = outbox(context).queueManual(MessageRequest.manual("ann", Channel.SMS, null, "Hi",
          "demo"));

      assertThat(queued.heldUntil()).isEqualTo(Instant.parse("2026-03-04T13:00:00Z"));
      assertThat(queued.nextAttemptAt()).isEqualTo(queued.heldUntil());
      assertThat(worker(context).dispatchDue().claimed()).isZero();

      clock.set(Instant.parse("2026-03-04T13:00:00Z"));
      worker(context).dispatchDue();

      assertThat(outbox(context).find(queued.id()).orElseThrow().status()).isEqualTo(MessageStatus.LOGGED);
    });
  }

  @Test
  void aTextQueuedByDayIsNotHeldAndEmailHasNoWindowByDefault() {
    runner().run(context -> {
      register(context, "ann", "+1 212 555 0100");
      clock.set(Instant.parse("2026-03-04T15:00:00Z"));

      OutboxMessage text = outbox(context).queueManual(MessageRequest.manual("ann", Channel.SMS, null, "Hi", "demo"));
      clock.set(Instant.parse("2026-03-04T03:30:00Z"));
      OutboxMessage email = outbox(context).queueManual(MessageRequest.manual("ann", Channel.EMAIL, "Hi", "Hi",
          "demo"));

      assertThat(text.heldUntil()).isNull();
      assertThat(email.heldUntil()).isNull();
    });
  }

  @Test
  void aManualMessageAboutATopicTheContactLeftIsRefusedAndOneLeftAfterQueueingIsBlockedAtDispatch() {
    runner().run(context -> {
      clock.set(Instant.parse("2026-03-04T15:00:00Z"));
      register(context, "ann", "+1 212 555 0100");
      OutboxMessage queued = outbox(context).queueManual(MessageRequest.manual("ann", Channel.EMAIL, "News", "News",
          "demo").withTopic("newsletter"));
      OutboxMessage invoice = outbox(context).queueManual(MessageRequest.manual("ann", Channel.EMAIL, "Invoice",
          "Invoice", "demo"));

      dnd(context).leaveTopic("ann", "newsletter", Evidence.user("ann-herself", clock.instant()));
      worker(context).dispatchDue();

      OutboxMessage blocked = outbox(context).find(queued.id()).orElseThrow();
      assertThat(blocked.status()).isEqualTo(MessageStatus.BLOCKED);
      assertThat(blocked.dndReason()).isEqualTo(DndReason.MANUAL);
      assertThat(blocked.detail()).contains("left the topic newsletter");
      assertThat(outbox(context).find(invoice.id()).orElseThrow().status()).isEqualTo(MessageStatus.LOGGED);
      assertThatThrownBy(() -> outbox(context).queueManual(MessageRequest.manual("ann", Channel.SMS, null, "News",
          "demo").withTopic("newsletter")))
          .isInstanceOf(TopicLeftException.class)
          .hasMessageContaining("left the topic newsletter");
    });
  }

  private void register(ApplicationContext context, String id, String phone) {
    context.getBean(ContactService.class).register(id, new ContactAddresses(phone, id + "@example.com", null, null,
        null), Evidence.user("test", clock.instant()));
  }

  private static Outbox outbox(ApplicationContext context) {
    return context.getBean(Outbox.class);
  }

  private static OutboxWorker worker(ApplicationContext context) {
    return context.getBean(OutboxWorker.class);
  }

  private static DndService dnd(ApplicationContext context) {
    return context.getBean(DndService.class);
  }
}
