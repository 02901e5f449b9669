package org.dndguard.messaging;

import org.dndguard.contact.DndClock;
import org.dndguard.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.dndguard.autoconfigure.MessagingContexts;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.Source;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/** Queueing: recipient, compliance text, segments and the checks that refuse a message. */
class OutboxTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  private ApplicationContextRunner runner() {
    return MessagingContexts.onH2()
        .withBean(DndClock.class, () -> new DndClock(clock))
        .withPropertyValues("dnd.messaging.sms-sender=Acme Dental", "dnd.messaging.sms-compliance-period=7d",
            // no provider here: what is queued is the subject, and dispatch only logs it
            "dnd.messaging.dispatch.log-only=true");
  }

  @Test
  void queuedSmsKeepsRecipientFinalBodyAndSegments() {
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+1 (415) 555-0100", null, null, null, null));

      OutboxMessage message = outbox(context).queue(MessageRequest.fromWorkflow("ann", Channel.SMS, null,
          "Your cleaning is on Monday at 9:00.", "pi-1", "sendReminder"));

      assertThat(message.recipient()).isEqualTo("+14155550100");
      assertThat(message.body())
          .isEqualTo("Acme Dental: Your cleaning is on Monday at 9:00.\nReply STOP to unsubscribe.");
      assertThat(message.compliance()).isEqualTo(ComplianceOutcome.ADDED);
      assertThat(message.encoding()).isEqualTo(SmsEncoding.GSM_7);
      assertThat(message.segments()).isEqualTo(1);
      assertThat(message.status()).isEqualTo(MessageStatus.PENDING);
      assertThat(message.origin()).isEqualTo(MessageOrigin.WORKFLOW);
      assertThat(message.processInstanceId()).isEqualTo("pi-1");
      assertThat(message.activityId()).isEqualTo("sendReminder");
      assertThat(message.createdAt()).isEqualTo(clock.instant());
      assertThat(message.nextAttemptAt()).isEqualTo(clock.instant());
      assertThat(outbox(context).find(message.id())).contains(message);
    });
  }

  @Test
  void aLongUnicodeSmsCountsItsSegments() {
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));

      OutboxMessage message = outbox(context).queue(MessageRequest.fromWorkflow("ann", Channel.SMS, null,
          "Zażółć gęślą jaźń 🦷 ".repeat(4) + "Reply STOP to opt out", "pi-1", "send"));

      assertThat(message.compliance()).isEqualTo(ComplianceOutcome.IN_BODY);
      assertThat(message.encoding()).isEqualTo(SmsEncoding.UCS_2);
      assertThat(message.segments()).isEqualTo(2);
    });
  }

  @Test
  void complianceTextIsPerContactAndNumber() {
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      register(context, "bob", new ContactAddresses("+14155550101", null, null, null, null));
      Outbox outbox = outbox(context);

      assertThat(sms(outbox, "ann").compliance()).isEqualTo(ComplianceOutcome.ADDED);
      assertThat(sms(outbox, "ann").compliance()).isEqualTo(ComplianceOutcome.NOT_DUE);
      assertThat(sms(outbox, "bob").compliance()).isEqualTo(ComplianceOutcome.ADDED);

      // a new number may be a new person: the first SMS to it carries the text again
      register(context, "ann", new ContactAddresses("+14155550199", null, null, null, null));
      assertThat(sms(outbox, "ann").compliance()).isEqualTo(ComplianceOutcome.ADDED);
    });
  }

  @Test
  void anSmsThatNeverWentOutDoesNotCoverTheNextOne() {
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      Outbox outbox = outbox(context);
      OutboxMessage first = sms(outbox, "ann");
      dnd(context).set("ann", DndTarget.SMS, Evidence.user("ops", clock.instant()));
      context.getBean(OutboxWorker.class).dispatchDue();
      assertThat(outbox.find(first.id()).orElseThrow().status()).isEqualTo(MessageStatus.BLOCKED);
      dnd(context).clear("ann", DndTarget.SMS, Evidence.user("ops", clock.instant()));

      assertThat(sms(outbox, "ann").compliance()).isEqualTo(ComplianceOutcome.ADDED);
    });
  }

  @Test
  void emailKeepsItsSubjectAndGetsNoComplianceText() {
    runner().run(context -> {
      register(context, "ann", new ContactAddresses(null, "Ann@Example.com", null, null, null));

      OutboxMessage message = outbox(context).queue(MessageRequest.fromWorkflow("ann", Channel.EMAIL,
          " Your invoice ", "Hello Ann", "pi-1", "sendInvoice"));

      assertThat(message.recipient()).isEqualTo("ann@example.com");
      assertThat(message.subject()).isEqualTo("Your invoice");
      assertThat(message.body()).isEqualTo("Hello Ann");
      assertThat(message.compliance()).isEqualTo(ComplianceOutcome.NOT_APPLICABLE);
      assertThat(message.segments()).isNull();
    });
  }

  @Test
  void aManualMessageToAChannelInDndIsRefusedAndNothingIsQueued() {
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", "ann@example.com", null, null, null));
      dnd(context).applyToAddress(org.dndguard.contact.AddressKind.PHONE, "+14155550100",
          new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT,
              Evidence.providerEvent(Source.TWILIO, "SM1", clock.instant()).keyword("STOP").build()));
      Outbox outbox = outbox(context);

      assertThatThrownBy(() -> outbox.queueManual(MessageRequest.manual("ann", Channel.SMS, null, "Hi", "demo")))
          .isInstanceOf(ChannelInDndException.class)
          .hasMessage("SMS message to contact ann not queued: SMS DND for contact ann was set by the opt-out"
              + " keyword STOP on 2026-03-01T10:00Z; only the contact can lift it, by texting START");
      assertThat(outbox.messagesOf("ann", null, 0, 10)).isEmpty();

      OutboxMessage email = outbox.queueManual(MessageRequest.manual("ann", Channel.EMAIL, "Hi", "Hi", "demo"));
      assertThat(email.actor()).isEqualTo("demo");
      assertThat(email.origin()).isEqualTo(MessageOrigin.MANUAL);
      assertThat(outbox.messagesOf("ann", null, 0, 10)).extracting(OutboxMessage::id).containsExactly(email.id());
    });
  }

  @Test
  void aManualMessageIsRefusedWhenAllChannelsAreInDnd() {
    runner().run(context -> {
      register(context, "ann", new ContactAddresses(null, "ann@example.com", null, null, null));
      dnd(context).set("ann", DndTarget.ALL, Evidence.user("ops", "asked us on the phone", clock.instant()));

      assertThatThrownBy(() -> outbox(context).queueManual(MessageRequest.manual("ann", Channel.EMAIL, "Hi", "Hi",
          "demo")))
          .isInstanceOf(ChannelInDndException.class)
          .hasMessageContaining("ALL DND for contact ann was set by a user (ops)");
    });
  }

  @Test
  void refusesWhatCannotBeQueuedAndSaysWhy() {
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      Outbox outbox = outbox(context);

      assertThatThrownBy(() -> outbox.queue(MessageRequest.fromWorkflow("nobody", Channel.SMS, null, "Hi", "p", "a")))
          .isInstanceOf(ContactNotFoundException.class)
          .hasMessageContaining("Contact nobody is not registered");
      assertThatThrownBy(() -> outbox.queue(MessageRequest.fromWorkflow("ann", Channel.EMAIL, "S", "Hi", "p", "a")))
          .isInstanceOf(MissingAddressException.class)
          .hasMessage("Contact ann has no e-mail address, which EMAIL messages go to; add it with PUT"
              + " /api/contacts/ann (field \"email\") or ContactService.register");
      assertThatThrownBy(() -> outbox.queue(MessageRequest.fromWorkflow("ann", Channel.CALL, null, "Hi", "p", "a")))
          .isInstanceOf(InvalidDndInputException.class)
          .hasMessageStartingWith("CALL is not a message channel");
      assertThatThrownBy(() -> outbox.queue(MessageRequest.fromWorkflow("ann", Channel.SMS, null, "  ", "p", "a")))
          .hasMessageStartingWith("The message body is empty");
      assertThatThrownBy(() -> outbox.queue(MessageRequest.fromWorkflow("ann", Channel.SMS, null,
          "x".repeat(1590), "p", "a")))
          .hasMessage("The SMS body is 1630 characters long with the compliance text (1590 without); at most 1600"
              + " fit in one message: shorten it");
      assertThat(outbox.messagesOf("ann", null, 0, 10)).isEmpty();
    });
  }

  @Test
  void anEmailNeedsAOneLineSubject() {
    runner().run(context -> {
      register(context, "ann", new ContactAddresses(null, "ann@example.com", null, null, null));
      Outbox outbox = outbox(context);

      assertThatThrownBy(() -> outbox.queue(MessageRequest.fromWorkflow("ann", Channel.EMAIL, null, "Hi", "p", "a")))
          .isInstanceOf(InvalidDndInputException.class)
          .hasMessageStartingWith("An e-mail needs a subject");
      assertThatThrownBy(() -> outbox.queue(MessageRequest.fromWorkflow("ann", Channel.EMAIL, "a\nb", "Hi", "p",
          "a")))
          .hasMessage("The subject has a line break; write it on one line");
    });
  }

  @Test
  void listsByContactAndStatusNewestFirst() {
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      Outbox outbox = outbox(context);
      OutboxMessage first = sms(outbox, "ann");
      clock.advance(Duration.ofMinutes(1));
      OutboxMessage second = sms(outbox, "ann");

      assertThat(outbox.messagesOf("ann", null, 0, 10)).extracting(OutboxMessage::id)
          .containsExactly(second.id(), first.id());
      assertThat(outbox.messagesOf("ann", null, 1, 1)).extracting(OutboxMessage::id).containsExactly(first.id());
      assertThat(outbox.messagesOf("ann", MessageStatus.SENT, 0, 10)).isEmpty();
      assertThat(outbox.withStatus(MessageStatus.PENDING, 0, 10)).hasSize(2);
      assertThatThrownBy(() -> outbox.messagesOf("nobody", null, 0, 10)).isInstanceOf(ContactNotFoundException.class);
      assertThatThrownBy(() -> outbox.messagesOf("ann", null, 0, 0)).hasMessageContaining("between 1 and 500");
    });
  }

  private static OutboxMessage sms(Outbox outbox, String contactId) {
    return outbox.queue(MessageRequest.fromWorkflow(contactId, Channel.SMS, null, "See you soon", "pi", "send"));
  }

  private void register(ApplicationContext context, String id, ContactAddresses addresses) {
    context.getBean(ContactService.class).register(id, addresses, Evidence.user("test", clock.instant()));
  }

  private static Outbox outbox(ApplicationContext context) {
    return context.getBean(Outbox.class);
  }

  private static DndService dnd(ApplicationContext context) {
    return context.getBean(DndService.class);
  }
}
