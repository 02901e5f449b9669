package org.dndguard.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndClock;
import org.dndguard.provider.internal.SentMessageLookup;
import org.dndguard.messaging.internal.LoggingDispatcher;
import org.dndguard.messaging.internal.UnsubscribeLinkKeys;
import org.dndguard.messaging.internal.UnsubscribeLinks;
import org.dndguard.messaging.internal.Unsubscribes;
import org.dndguard.messaging.internal.MailgunDispatcher;
import org.dndguard.messaging.MessageDispatcher;
import org.dndguard.messaging.internal.MessageDispatchers;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.internal.OutboxScheduler;
import org.dndguard.messaging.OutboxWorker;
import org.dndguard.messaging.internal.ProviderRestClients;
import org.dndguard.messaging.SendMessageDelegate;
import org.dndguard.messaging.internal.SmsCompliance;
import org.dndguard.messaging.internal.TwilioDispatcher;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.ContactService;
import org.dndguard.store.internal.ContactTimeZones;
import org.dndguard.store.DndTables;
import org.dndguard.store.DndService;
import org.dndguard.store.internal.GeneratedSecrets;
import org.dndguard.web.internal.MessageController;
import org.dndguard.web.internal.UnsubscribeController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.HierarchicalBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.client.RestClient;

/**
 * The outbox and its dispatch: the {@code ${sendSms}} family of beans for BPMN, the outbox, the
 * dispatchers of the configured providers (the logging one for every other channel, only with
 * {@code dnd.messaging.dispatch.log-only=true}; without it such channels refuse messages), the worker,
 * its schedule ({@code dnd.messaging.dispatch.enabled}) and the messages API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "dnd.messaging", name = "enabled", havingValue = "true", matchIfMissing = true)
@Import(MessagingConfiguration.SendDelegates.class)
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
      SmsCompliance compliance, DndClock dndClock, ContactTimeZones timeZones,
      MessageDispatchers dispatchers, AuditTrail audit, DndProperties properties,
      ObjectProvider<CommunicationCounts> counts) {
    return new Outbox(tables, contacts, dnd, compliance,
        database.transactionManager(), dndClock.clock(), timeZones, dispatchers, audit,
        properties.limits().counts(counts));
  }

  /** Twilio status callbacks find the contact a message went to by its MessageSid, through the outbox. */
  @Bean
  @ConditionalOnMissingBean
  SentMessageLookup dndSentMessageLookup(Outbox outbox) {
    return outbox::contactIdForProviderMessage;
  }

  // --- dispatch ---

  @Bean
  @ConditionalOnMissingBean
  @Conditional(TwilioConfigured.class)
  TwilioDispatcher dndTwilioDispatcher(DndProperties properties, ObjectProvider<RestClient.Builder> builders) {
    MessagingProperties.Twilio twilio = properties.messaging().twilio();
    WebhookProperties webhooks = properties.webhooks();
    String callback = twilio.statusCallback()
        ? ProviderRestClients.url(webhooks.publicBaseUrl(), webhooks.basePath() + "/twilio/status")
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
  UnsubscribeLinks dndUnsubscribeLinks(DndProperties properties, DndTables tables, DndClock dndClock) {
    UnsubscribeProperties unsubscribe = properties.unsubscribe();
    return UnsubscribeLinkKeys.links(
        new UnsubscribeLinkKeys.Settings(properties.webhooks().publicBaseUrl(), unsubscribe.path(),
            unsubscribe.secret(), unsubscribe.previousSecret(), unsubscribe.previousValidUntil()),
        new GeneratedSecrets(tables, dndClock.clock()), dndClock.clock());
  }

  @Bean
  @ConditionalOnMissingBean
  Unsubscribes dndUnsubscribes(Outbox outbox, UnsubscribeLinks links, DndService dnd,
      DndClock dndClock) {
    return new Unsubscribes(outbox, links, dnd, dndClock.clock());
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
          + " production", routes.channelsOf(fallback));
    }
    return routes;
  }

  @Bean
  @ConditionalOnMissingBean
  OutboxWorker dndOutboxWorker(Outbox outbox, DndService dnd, ContactService contacts, MessageDispatchers dispatchers,
      EngineDatabase database, DndClock dndClock, DndProperties properties,
      ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<CommunicationCounts> counts) {
    MessagingProperties.Dispatch dispatch = properties.messaging().dispatch();
    return new OutboxWorker(outbox, dnd, contacts, dispatchers, database.transactionManager(), dndClock.clock(),
        new OutboxWorker.Settings(dispatch.batchSize(), dispatch.maxAttempts(), dispatch.backoff(),
            dispatch.maxBackoff(), dispatch.claimTimeout()),
        OutboxWorker.defaultWorkerName(), DndMeters.registry(meterRegistry),
        properties.limits().counts(counts), properties.limits().countExempt());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "dnd.messaging.dispatch", name = "enabled", havingValue = "true",
      matchIfMissing = true)
  OutboxScheduler dndOutboxScheduler(OutboxWorker worker, DndProperties properties) {
    return new OutboxScheduler(worker, properties.messaging().dispatch().interval());
  }

  /** The messages API: with {@code dnd.api.enabled} (on by default). */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnDndApi
  MessageController dndMessageController(Outbox outbox) {
    return new MessageController(outbox);
  }

  /**
   * The one-click unsubscribe endpoint, in every servlet web application that sends through the outbox:
   * the links in e-mail already sent must keep working, so {@code dnd.api.enabled=false}, which turns the
   * API off, leaves it on.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  UnsubscribeController dndUnsubscribeController(Unsubscribes unsubscribes) {
    return new UnsubscribeController(unsubscribes);
  }

  private static RestClient restClient(ObjectProvider<RestClient.Builder> builders, String baseUrl,
      MessagingProperties.Dispatch dispatch) {
    return ProviderRestClients.create(builders.getIfAvailable(RestClient::builder), baseUrl,
        dispatch.connectTimeout(), dispatch.readTimeout());
  }

  /**
   * The delegates of communication steps, one per message channel, named as BPMN models call them
   * ({@code ${sendSms}} ...). A bean of the application's with one of these names replaces that one,
   * as {@code @ConditionalOnMissingBean(name = ...)} would: in this context or in a parent context,
   * whose beans BPMN expressions resolve as well.
   */
  static class SendDelegates implements ImportBeanDefinitionRegistrar, BeanFactoryAware {

    static final Map<Channel, String> NAMES = namesByChannel();

    private BeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
      this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      NAMES.forEach((channel, name) -> {
        if (!registry.containsBeanDefinition(name) && !inParentContext(name)) {
          registry.registerBeanDefinition(name, new RootBeanDefinition(SendMessageDelegate.class,
              () -> new SendMessageDelegate(channel, beanFactory.getBean(Outbox.class),
                  beanFactory.getBean(DndProperties.class).contactVariable())));
        }
      });
    }

    private boolean inParentContext(String name) {
      return beanFactory instanceof HierarchicalBeanFactory hierarchical
          && hierarchical.getParentBeanFactory() != null
          && hierarchical.getParentBeanFactory().containsBean(name);
    }

    private static Map<Channel, String> namesByChannel() {
      Map<Channel, String> names = new EnumMap<>(Channel.class);
      names.put(Channel.SMS, "sendSms");
      names.put(Channel.EMAIL, "sendEmail");
      names.put(Channel.WHATSAPP, "sendWhatsApp");
      names.put(Channel.FACEBOOK, "sendFacebook");
      names.put(Channel.GMB, "sendGmb");
      return Collections.unmodifiableMap(names);
    }
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
