package org.dndguard.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import org.dndguard.contact.Channel;
import org.dndguard.provider.SentMessageLookup;
import org.dndguard.messaging.LoggingDispatcher;
import org.dndguard.messaging.UnsubscribeLinks;
import org.dndguard.messaging.Unsubscribes;
import org.dndguard.messaging.MailgunDispatcher;
import org.dndguard.messaging.MessageDispatcher;
import org.dndguard.messaging.MessageDispatchers;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxScheduler;
import org.dndguard.messaging.OutboxWorker;
import org.dndguard.messaging.SendMessageDelegate;
import org.dndguard.messaging.SmsCompliance;
import org.dndguard.messaging.TwilioDispatcher;
import org.dndguard.store.AuditTrail;
import org.dndguard.store.CommunicationCounts;
import org.dndguard.store.ContactService;
import org.dndguard.store.ContactTimeZones;
import org.dndguard.store.DndTables;
import org.dndguard.store.DndService;
import org.dndguard.store.GeneratedSecrets;
import org.dndguard.web.MessageController;
import org.dndguard.web.UnsubscribeController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The outbox and its dispatch: the {@code ${sendSms}} family of beans for BPMN, the outbox, the
 * dispatchers of the configured providers (the logging one for every other channel, only with
 * {@code dnd.messaging.dispatch.log-only=true}; without it such channels refuse messages), the worker,
 * its schedule ({@code dnd.messaging.dispatch.enabled}) and the messages API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "dnd.messaging", name = "enabled", havingValue = "true", matchIfMissing = true)
class MessagingConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(MessagingConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  SmsCompliance dndSmsCompliance(DndProperties properties) {
    MessagingProperties messaging = properties.messaging();
    return new SmsCompliance(messaging.smsOptOutText(), messaging.smsSender(), messaging.smsCompliancePeriod());
  }

  @Bean
  @ConditionalOnMissingBean
  Outbox dndOutbox(EngineDatabase database, DndTables tables, ContactService contacts, DndService dnd,
      SmsCompliance compliance, @Qualifier("dndClock") Clock clock, ContactTimeZones timeZones,
      MessageDispatchers dispatchers, AuditTrail audit, DndProperties properties,
      ObjectProvider<CommunicationCounts> counts) {
    return new Outbox(tables, contacts, dnd, compliance,
        database.transactionManager(), clock, timeZones, dispatchers, audit,
        properties.limits().enabled() ? counts.getIfAvailable() : null);
  }

  /** Twilio status callbacks find the contact a message went to by its MessageSid, through the outbox. */
  @Bean
  @ConditionalOnMissingBean
  SentMessageLookup dndSentMessageLookup(Outbox outbox) {
    return outbox::contactIdForProviderMessage;
  }

  // --- the delegates of communication steps, named as BPMN models call them ---

  @Bean
  @ConditionalOnMissingBean(name = "sendSms")
  SendMessageDelegate sendSms(Outbox outbox, DndProperties properties) {
    return new SendMessageDelegate(Channel.SMS, outbox, properties.contactVariable());
  }

  @Bean
  @ConditionalOnMissingBean(name = "sendEmail")
  SendMessageDelegate sendEmail(Outbox outbox, DndProperties properties) {
    return new SendMessageDelegate(Channel.EMAIL, outbox, properties.contactVariable());
  }

  @Bean
  @ConditionalOnMissingBean(name = "sendWhatsApp")
  SendMessageDelegate sendWhatsApp(Outbox outbox, DndProperties properties) {
    return new SendMessageDelegate(Channel.WHATSAPP, outbox, properties.contactVariable());
  }

  @Bean
  @ConditionalOnMissingBean(name = "sendFacebook")
  SendMessageDelegate sendFacebook(Outbox outbox, DndProperties properties) {
    return new SendMessageDelegate(Channel.FACEBOOK, outbox, properties.contactVariable());
  }

  @Bean
  @ConditionalOnMissingBean(name = "sendGmb")
  SendMessageDelegate sendGmb(Outbox outbox, DndProperties properties) {
    return new SendMessageDelegate(Channel.GMB, outbox, properties.contactVariable());
  }

  // --- dispatch ---

  @Bean
  @ConditionalOnMissingBean
  @Conditional(TwilioConfigured.class)
  TwilioDispatcher dndTwilioDispatcher(DndProperties properties, ObjectProvider<RestClient.Builder> builders) {
    MessagingProperties.Twilio twilio = properties.messaging().twilio();
    String callback = twilio.statusCallback()
        ? stripTrailingSlash(properties.webhooks().publicBaseUrl()) + properties.webhooks().basePath() + "/twilio/status"
        : null;
    return new TwilioDispatcher(restClient(builders, twilio.baseUrl(), properties.messaging().dispatch()),
        twilio.accountSid().trim(), twilio.authToken().trim(), twilio.from().trim(), twilio.whatsappFrom().trim(),
        callback);
  }

  @Bean
  @ConditionalOnMissingBean
  @Conditional(MailgunConfigured.class)
  MailgunDispatcher dndMailgunDispatcher(DndProperties properties, ObjectProvider<RestClient.Builder> builders,
      UnsubscribeLinks unsubscribeLinks) {
    MessagingProperties.Mailgun mailgun = properties.messaging().mailgun();
    return new MailgunDispatcher(restClient(builders, mailgun.baseUrl(), properties.messaging().dispatch()),
        mailgun.domain().trim(), mailgun.apiKey().trim(), mailgun.from().trim(), unsubscribeLinks);
  }

  /**
   * The one-click unsubscribe links of outbox e-mail: {@code <public-base-url><path>/<token>}, signed
   * with {@code dnd.unsubscribe.secret} or, unset, with a key generated once and kept in DND Guard's
   * tables ({@link UnsubscribeLinkKeys}).
   */
  @Bean
  @ConditionalOnMissingBean
  UnsubscribeLinks dndUnsubscribeLinks(DndProperties properties, DndTables tables,
      @Qualifier("dndClock") Clock clock) {
    return UnsubscribeLinkKeys.links(properties,
        new GeneratedSecrets(tables, clock), clock);
  }

  @Bean
  @ConditionalOnMissingBean
  Unsubscribes dndUnsubscribes(Outbox outbox, UnsubscribeLinks links, DndService dnd,
      @Qualifier("dndClock") Clock clock) {
    return new Unsubscribes(outbox, links, dnd, clock);
  }

  /** Only with {@code dnd.messaging.dispatch.log-only=true}: channels without a provider are logged, never sent. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "dnd.messaging.dispatch", name = "log-only", havingValue = "true")
  LoggingDispatcher dndLoggingDispatcher() {
    return new LoggingDispatcher();
  }

  /**
   * Every {@link MessageDispatcher} bean, yours included, sends its channels; the logging one, when
   * log-only is on, the rest. Without it, a channel that no provider sends refuses messages.
   */
  @Bean
  @ConditionalOnMissingBean
  MessageDispatchers dndMessageDispatchers(ObjectProvider<MessageDispatcher> dispatchers,
      ObjectProvider<LoggingDispatcher> logging) {
    LoggingDispatcher fallback = logging.getIfAvailable();
    List<MessageDispatcher> providers = dispatchers.orderedStream().filter(d -> d != fallback).toList();
    MessageDispatchers routes = new MessageDispatchers(providers, fallback);
    LOG.info("DND Guard dispatches messages by channel: {}", routes.routes());
    if (fallback != null) {
      LOG.warn("dnd.messaging.dispatch.log-only=true: messages on channels without a provider ({}) are only"
          + " logged, never sent (status LOGGED); for development and demos only, configure a provider in"
          + " production", loggedChannels(routes));
    }
    return routes;
  }

  private static List<Channel> loggedChannels(MessageDispatchers routes) {
    return routes.routes().entrySet().stream().filter(e -> e.getValue().equals("log")).map(java.util.Map.Entry::getKey)
        .toList();
  }

  @Bean
  @ConditionalOnMissingBean
  OutboxWorker dndOutboxWorker(Outbox outbox, DndService dnd, ContactService contacts, MessageDispatchers dispatchers,
      EngineDatabase database, @Qualifier("dndClock") Clock clock, DndProperties properties,
      ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<CommunicationCounts> counts) {
    MessagingProperties.Dispatch dispatch = properties.messaging().dispatch();
    return new OutboxWorker(outbox, dnd, contacts, dispatchers, database.transactionManager(), clock,
        new OutboxWorker.Settings(dispatch.batchSize(), dispatch.maxAttempts(), dispatch.backoff(),
            dispatch.maxBackoff(), dispatch.claimTimeout()),
        workerName(), meterRegistry.getIfUnique(() -> Metrics.globalRegistry),
        properties.limits().enabled() ? counts.getIfAvailable() : null, properties.limits().countExempt());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "dnd.messaging.dispatch", name = "enabled", havingValue = "true",
      matchIfMissing = true)
  OutboxScheduler dndOutboxScheduler(OutboxWorker worker, DndProperties properties) {
    return new OutboxScheduler(worker, properties.messaging().dispatch().interval());
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnDndApi
  static class MessagingWebConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MessageController dndMessageController(Outbox outbox) {
      return new MessageController(outbox);
    }

    @Bean
    @ConditionalOnMissingBean
    UnsubscribeController dndUnsubscribeController(Unsubscribes unsubscribes) {
      return new UnsubscribeController(unsubscribes);
    }
  }

  private static RestClient restClient(ObjectProvider<RestClient.Builder> builders, String baseUrl,
      MessagingProperties.Dispatch dispatch) {
    // HTTP/1.1: both providers speak it, and a plain-HTTP stand-in is not asked to upgrade
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(dispatch.connectTimeout())
        .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(dispatch.readTimeout());
    return builders.getIfAvailable(RestClient::builder)
        .baseUrl(stripTrailingSlash(baseUrl.trim()))
        .requestFactory(requests)
        .build();
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Who claims messages in the outbox table: the JVM's pid@host, short enough for the claim column. */
  private static String workerName() {
    String name = ManagementFactory.getRuntimeMXBean().getName();
    return name.length() <= 24 ? name : name.substring(0, 24);
  }

  /** A provider is configured by a non-blank property; an empty environment variable does not count. */
  abstract static class NonBlankProperty extends SpringBootCondition {

    private final String property;

    NonBlankProperty(String property) {
      this.property = property;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String value = Binder.get(context.getEnvironment()).bind(property, String.class).orElse("");
      return value.isBlank()
          ? ConditionOutcome.noMatch(property + " is not set")
          : ConditionOutcome.match(property + " is set");
    }
  }

  static class TwilioConfigured extends NonBlankProperty {
    TwilioConfigured() {
      super("dnd.messaging.twilio.account-sid");
    }
  }

  static class MailgunConfigured extends NonBlankProperty {
    MailgunConfigured() {
      super("dnd.messaging.mailgun.api-key");
    }
  }
}
