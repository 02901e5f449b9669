package org.dndguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.dndguard.autoconfigure.MessagingContexts;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code dnd.messaging.dispatch.log-only=true}: a message on a channel without provider is LOGGED,
 * never SENT, and the log names the message, never its body or subject.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogOnlyDispatchTest {

  @Test
  void aMessageWithoutProviderIsLoggedWithoutItsBodyAndNeverSent(CapturedOutput output) {
    MessagingContexts.onH2().withPropertyValues("dnd.messaging.dispatch.log-only=true").run(context -> {
      context.getBean(ContactService.class).register("ann", new ContactAddresses("+14155550100",
          "ann@example.com", null, null, null), Evidence.user("test", Instant.now()));
      Outbox outbox = context.getBean(Outbox.class);
      OutboxMessage sms = outbox.queueManual(MessageRequest.manual("ann", Channel.SMS, null,
          "Secret appointment at 4pm with Dr Who", "demo"));
      OutboxMessage email = outbox.queueManual(MessageRequest.manual("ann", Channel.EMAIL,
          "Private subject line", "Your biopsy results are in", "demo"));

      assertThat(context.getBean(OutboxWorker.class).dispatchDue().claimed()).isEqualTo(2);

      for (OutboxMessage queued : new OutboxMessage[] {sms, email}) {
        OutboxMessage logged = outbox.find(queued.id()).orElseThrow();
        assertThat(logged.status()).isEqualTo(MessageStatus.LOGGED);
        assertThat(logged.provider()).isEqualTo("log");
        assertThat(logged.sentAt()).isNull();
        assertThat(logged.detail()).isEqualTo("Only logged, never sent: no provider sends the channel and"
            + " dnd.messaging.dispatch.log-only=true");
      }
      assertThat(outbox.messagesOf("ann", MessageStatus.SENT, 0, 10)).isEmpty();
      assertThat(outbox.messagesOf("ann", MessageStatus.LOGGED, 0, 10)).hasSize(2);
    });
    assertThat(output.getOut()).contains("SMS message " + 1 + " to contact ann only logged, not sent (no provider;"
        + " dnd.messaging.dispatch.log-only=true)")
        .contains("EMAIL message 2 to contact ann only logged, not sent")
        .doesNotContain("Secret appointment").doesNotContain("Dr Who").doesNotContain("biopsy")
        .doesNotContain("Private subject line");
  }
}
