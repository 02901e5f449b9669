package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.messaging.DispatchReceipt;
import org.dndguard.messaging.internal.LoggingDispatcher;
import org.dndguard.messaging.internal.MailgunDispatcher;
import org.dndguard.messaging.MessageDispatcher;
import org.dndguard.messaging.internal.MessageDispatchers;
import org.dndguard.messaging.MessageRequest;
import org.dndguard.messaging.MessageStatus;
import org.dndguard.messaging.NoProviderException;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.messaging.internal.OutboxScheduler;
import org.dndguard.messaging.OutboxWorker;
import org.dndguard.messaging.SendMessageDelegate;
import org.dndguard.messaging.internal.SmsCompliance;
import org.dndguard.messaging.internal.TwilioDispatcher;
import org.dndguard.store.ContactService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.StaticApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class MessagingConfigurationTest {

  @Test
  void wiresTheDelegatesUnderTheNamesModelsUse() {
    MessagingContexts.onH2().run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean("sendSms", SendMessageDelegate.class).channel()).isEqualTo(Channel.SMS);
      assertThat(context.getBean("sendEmail", SendMessageDelegate.class).channel()).isEqualTo(Channel.EMAIL);
      assertThat(context.getBean("sendWhatsApp", SendMessageDelegate.class).channel()).isEqualTo(Channel.WHATSAPP);
      assertThat(context.getBean("sendFacebook", SendMessageDelegate.class).channel()).isEqualTo(Channel.FACEBOOK);
      assertThat(context.getBean("sendGmb", SendMessageDelegate.class).channel()).isEqualTo(Channel.GMB);
      assertThat(context).hasSingleBean(Outbox.class).hasSingleBean(OutboxWorker.class);
    });
  }

  @Test
  void bindsTheDefaults() {
    MessagingContexts.withDefaults(MessagingContexts.newH2Url()).run(context -> {
      MessagingProperties messaging = context.getBean(DndProperties.class).messaging();
      assertThat(messaging.smsOptOutText()).isEqualTo("Reply STOP to unsubscribe.");
      assertThat(messaging.smsSender()).isEmpty();
      assertThat(messaging.smsCompliancePeriod()).isEqualTo(Duration.ofDays(30));
      assertThat(messaging.dispatch()).isEqualTo(new MessagingProperties.Dispatch(true, Duration.ofSeconds(10), 100,
          5, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofSeconds(5),
          Duration.ofSeconds(30), false));
      assertThat(messaging.twilio().baseUrl()).isEqualTo("https://api.twilio.com");
      assertThat(messaging.twilio().statusCallback()).isTrue();
      assertThat(messaging.mailgun().baseUrl()).isEqualTo("https://api.mailgun.net");
      SmsCompliance compliance = context.getBean(SmsCompliance.class);
      assertThat(compliance.period()).isEqualTo(Duration.ofDays(30));
    });
  }

  @Test
  void withoutProvidersNoChannelHasADispatcherAndEachNamesThePropertyToSet(CapturedOutput output) {
    MessagingContexts.onH2().withPropertyValues("dnd.messaging.twilio.account-sid=  ").run(context -> {
      assertThat(context).doesNotHaveBean(TwilioDispatcher.class).doesNotHaveBean(MailgunDispatcher.class)
          .doesNotHaveBean(LoggingDispatcher.class);
      MessageDispatchers dispatchers = context.getBean(MessageDispatchers.class);
      assertThat(dispatchers.routes()).isEmpty();
      assertThatThrownBy(() -> dispatchers.forChannel(Channel.SMS)).isInstanceOf(NoProviderException.class)
          .hasMessage("No provider sends SMS messages: set dnd.messaging.twilio.account-sid (with auth-token and"
              + " from) to send SMS through Twilio, or set dnd.messaging.dispatch.log-only=true to only log them"
              + " (status LOGGED, never sent)");
      assertThatThrownBy(() -> dispatchers.forChannel(Channel.EMAIL)).isInstanceOf(NoProviderException.class)
          .hasMessageStartingWith("No provider sends EMAIL messages: set dnd.messaging.mailgun.api-key");
      assertThatThrownBy(() -> dispatchers.forChannel(Channel.GMB)).isInstanceOf(NoProviderException.class)
          .hasMessageStartingWith("No provider sends GMB messages: define a MessageDispatcher bean that sends GMB");
    });
    assertThat(output.getOut()).doesNotContain("log-only=true: messages on channels without a provider");
  }

  @Test
  void logOnlyLogsEveryChannelWithoutProviderAndWarnsAtStart(CapturedOutput output) {
    MessagingContexts.onH2().withPropertyValues("dnd.messaging.dispatch.log-only=true").run(context -> {
      MessageDispatchers dispatchers = context.getBean(MessageDispatchers.class);
      for (Channel channel : Set.of(Channel.SMS, Channel.EMAIL, Channel.WHATSAPP, Channel.FACEBOOK, Channel.GMB)) {
        assertThat(dispatchers.forChannel(channel)).isInstanceOf(LoggingDispatcher.class);
      }
    });
    assertThat(output.getOut()).containsOnlyOnce("dnd.messaging.dispatch.log-only=true: messages on channels"
        + " without a provider ([EMAIL, SMS, WHATSAPP, FACEBOOK, GMB]) are only logged, never sent (status LOGGED)");
  }

  @Test
  void configuredProvidersTakeTheirChannels() {
    MessagingContexts.onH2().withPropertyValues(
        "dnd.messaging.twilio.account-sid=AC1", "dnd.messaging.twilio.auth-token=t", "dnd.messaging.twilio.from=+1500",
        "dnd.messaging.mailgun.api-key=k", "dnd.messaging.mailgun.domain=mg.example.com",
        "dnd.messaging.mailgun.from=care@mg.example.com", "dnd.webhooks.public-base-url=https://dnd.example.com")
        .run(context -> {
          MessageDispatchers dispatchers = context.getBean(MessageDispatchers.class);
          assertThat(dispatchers.forChannel(Channel.SMS)).isInstanceOf(TwilioDispatcher.class);
          assertThat(dispatchers.forChannel(Channel.WHATSAPP)).isInstanceOf(TwilioDispatcher.class);
          assertThat(dispatchers.forChannel(Channel.EMAIL)).isInstanceOf(MailgunDispatcher.class);
          assertThat(dispatchers.find(Channel.GMB)).isEmpty();
        });
  }

  @Test
  void aDispatcherOfYoursTakesItsChannels() {
    MessagingContexts.onH2().withUserConfiguration(OwnFacebookDispatcher.class).run(context -> {
      MessageDispatchers dispatchers = context.getBean(MessageDispatchers.class);
      assertThat(dispatchers.forChannel(Channel.FACEBOOK).name()).isEqualTo("acme-messenger");
      assertThat(dispatchers.find(Channel.SMS)).isEmpty();
    });
  }

  @Test
  void twoDispatchersForOneChannelStopTheStart() {
    MessagingContexts.onH2().withUserConfiguration(OwnSmsDispatcher.class).withPropertyValues(
        "dnd.messaging.twilio.account-sid=AC1", "dnd.messaging.twilio.auth-token=t", "dnd.messaging.twilio.from=+1500",
        "dnd.webhooks.public-base-url=https://dnd.example.com")
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("Both the 'acme-sms' and the 'twilio' dispatcher send SMS"));
  }

  @Test
  void aDelegateOfYoursReplacesOnlyItsName() {
    MessagingContexts.onH2().withUserConfiguration(OwnSendSms.class).run(context -> {
      assertThat(context.getBean("sendSms", SendMessageDelegate.class).channel()).isEqualTo(Channel.WHATSAPP);
      assertThat(context.getBean("sendEmail", SendMessageDelegate.class).channel()).isEqualTo(Channel.EMAIL);
    });
  }

  @Test
  void aDelegateOfYoursInAParentContextReplacesItsNameToo() {
    JavaDelegate own = execution -> { };
    try (StaticApplicationContext parent = new StaticApplicationContext()) {
      parent.getBeanFactory().registerSingleton("sendSms", own);
      parent.refresh();
      MessagingContexts.onH2().withParent(parent).run(context -> {
        assertThat(context).hasNotFailed();
        // the child defines no sendSms of its own, so ${sendSms} resolves to the parent's
        assertThat(context.getBean("sendSms")).isSameAs(own);
        assertThat(context.getBean("sendEmail", SendMessageDelegate.class).channel()).isEqualTo(Channel.EMAIL);
      });
    }
  }

  @Test
  void dispatchIsScheduledByDefaultAndNotWhenDisabled() {
    MessagingContexts.withDefaults(MessagingContexts.newH2Url()).run(context -> {
      assertThat(context).hasSingleBean(OutboxScheduler.class);
      assertThat(context.getBean(OutboxScheduler.class).isRunning()).isTrue();
    });
    MessagingContexts.onH2().run(context -> assertThat(context).doesNotHaveBean(OutboxScheduler.class));
  }

  @Test
  void theScheduleDispatchesOnItsOwnUntilTheApplicationStops() {
    // other applications of this JVM (cached test contexts) run outbox threads of their own
    Set<Thread> before = outboxThreads();
    MessagingContexts.withDefaults(MessagingContexts.newH2Url())
        .withPropertyValues("dnd.messaging.dispatch.interval=100ms", "dnd.messaging.dispatch.log-only=true")
        .run(context -> {
          context.getBean(ContactService.class).register("ann",
              new ContactAddresses("+14155550100", null, null, null, null), Evidence.user("t", Instant.now()));
          Outbox outbox = context.getBean(Outbox.class);
          long id = outbox.queue(MessageRequest.fromWorkflow("ann", Channel.SMS, null, "Hi", "pi", "send")).id();

          Awaitility.await().atMost(Duration.ofSeconds(10))
              .until(() -> outbox.find(id).orElseThrow().status() == MessageStatus.LOGGED);

          Set<Thread> ours = outboxThreads();
          ours.removeAll(before);
          assertThat(ours).as("this application's outbox thread").hasSize(1);

          OutboxScheduler scheduler = context.getBean(OutboxScheduler.class);
          scheduler.stop();
          assertThat(scheduler.isRunning()).isFalse();
          long next = outbox.queue(MessageRequest.fromWorkflow("ann", Channel.SMS, null, "Hi", "pi", "send")).id();

          // the schedule's only thread has ended, so nothing is left that could dispatch the next message
          Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ours.stream().noneMatch(Thread::isAlive));
          assertThat(outbox.find(next).orElseThrow().status()).isEqualTo(MessageStatus.PENDING);
        });
  }

  private static Set<Thread> outboxThreads() {
    Set<Thread> threads = new HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("dnd-outbox") && thread.isAlive()) {
        threads.add(thread);
      }
    }
    return threads;
  }

  @Test
  void badSettingsStopTheStartWithWhatToFix() {
    MessagingContexts.onH2().withPropertyValues("dnd.messaging.twilio.account-sid=AC1").run(context ->
        assertThat(context).getFailure().rootCause()
            .hasMessage("dnd.messaging.twilio.auth-token must be set, since the account SID is"));
    MessagingContexts.onH2().withPropertyValues("dnd.messaging.dispatch.batch-size=0").run(context ->
        assertThat(context).getFailure().rootCause()
            .hasMessage("dnd.messaging.dispatch.batch-size must be between 1 and 1000"));
    MessagingContexts.onH2().withPropertyValues("dnd.messaging.dispatch.claim-timeout=30s").run(context ->
        assertThat(context).getFailure().rootCause()
            .hasMessage("dnd.messaging.dispatch.claim-timeout must be longer than twice connect-timeout plus"
                + " read-timeout (PT1M10S)"));
    MessagingContexts.onH2().withPropertyValues("dnd.messaging.sms-opt-out-text=Call us to opt out").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("must tell the contact which keyword"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnFacebookDispatcher {
    @Bean
    MessageDispatcher acmeMessenger() {
      return new NamedDispatcher("acme-messenger", Channel.FACEBOOK);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnSmsDispatcher {
    @Bean
    MessageDispatcher acmeSms() {
      return new NamedDispatcher("acme-sms", Channel.SMS);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnSendSms {
    @Bean
    SendMessageDelegate sendSms(Outbox outbox) {
      return new SendMessageDelegate(Channel.WHATSAPP, outbox, "contactId");
    }
  }

  private record NamedDispatcher(String name, Channel channel) implements MessageDispatcher {
    @Override
    public Set<Channel> channels() {
      return Set.of(channel);
    }

    @Override
    public DispatchReceipt send(OutboxMessage message) {
      throw new UnsupportedOperationException("wiring test only");
    }
  }
}
