package org.dndguard.autoconfigure;

import java.util.Locale;
import org.camunda.bpm.engine.RuntimeService;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.contact.DndClock;
import org.dndguard.engine.DeliveryQueue;
import org.dndguard.provider.internal.InboundSmsCorrelator;
import org.dndguard.provider.internal.MailgunSignature;
import org.dndguard.provider.internal.MailgunWebhooks;
import org.dndguard.provider.internal.ProviderEventLog;
import org.dndguard.provider.internal.SentMessageLookup;
import org.dndguard.workflow.ContactInstanceIndex;
import org.dndguard.workflow.IndexedInstance;
import org.dndguard.provider.internal.TwiML;
import org.dndguard.provider.internal.TwilioSignature;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.DndService;
import org.dndguard.web.internal.MailgunWebhookController;
import org.dndguard.web.internal.TwilioWebhookController;
import org.dndguard.web.internal.WebhookProblemAdvice;
import org.dndguard.store.DndTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provider webhooks: Mailgun's and Twilio's signatures, the event log that makes each event
 * count once, the handlers and, in a servlet web application, their controllers.
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  ProviderEventLog dndProviderEventLog(DndTables tables) {
    return new ProviderEventLog(tables);
  }

  @Bean
  @ConditionalOnMissingBean
  MailgunSignature dndMailgunSignature(DndProperties properties, DndClock dndClock) {
    WebhookProperties.Mailgun mailgun = properties.webhooks().mailgun();
    warnIfMissing(mailgun.signingKey(), "Mailgun", MailgunSignature.SIGNING_KEY_PROPERTY);
    return new MailgunSignature(mailgun.signingKey(), mailgun.timestampWindow(), dndClock.clock());
  }

  @Bean
  @ConditionalOnMissingBean
  TwilioSignature dndTwilioSignature(DndProperties properties) {
    WebhookProperties webhooks = properties.webhooks();
    warnIfMissing(webhooks.twilio().authToken(), "Twilio", TwilioSignature.AUTH_TOKEN_PROPERTY);
    return new TwilioSignature(webhooks.twilio().authToken(), webhooks.publicBaseUrl());
  }

  @Bean
  @ConditionalOnMissingBean
  InboundSmsCorrelator dndInboundSmsCorrelator(RuntimeService runtimeService, DndProperties properties,
      ObjectProvider<ContactInstanceIndex> index, DeliveryQueue deliveries, ProviderEventLog log) {
    ContactInstanceIndex contactIndex = index.getIfAvailable();
    if (contactIndex == null) {
      return InboundSmsCorrelator.byVariable(runtimeService, properties.contactVariable(), deliveries, log);
    }
    // the indexed contact-to-instance table: the cost does not grow with other contacts' instances
    return new InboundSmsCorrelator(runtimeService, contactId -> contactIndex.instancesOf(contactId).stream()
        .map(IndexedInstance::processInstanceId)
        .toList(), deliveries, log);
  }

  @Bean
  @ConditionalOnMissingBean
  MailgunWebhooks dndMailgunWebhooks(MailgunSignature signature, ProviderEventLog log, DndService dnd,
      AuditTrail auditTrail, AddressNormalizer addresses, EngineDatabase database) {
    return new MailgunWebhooks(signature, log, dnd, auditTrail, addresses, database.transactionManager());
  }

  @Bean
  @ConditionalOnMissingBean
  TwilioWebhooks dndTwilioWebhooks(TwilioSignature signature, ProviderEventLog log, DndService dnd,
      AuditTrail auditTrail, AddressNormalizer addresses, InboundSmsCorrelator correlator,
      ObjectProvider<SentMessageLookup> sentMessages, DndProperties properties, EngineDatabase database) {
    WebhookProperties.Twilio twilio = properties.webhooks().twilio();
    if (twilio.helpReply() != null && !twilio.helpReply().isBlank()
        && !twilio.helpReply().toUpperCase(Locale.ROOT).contains("STOP")) {
      LOG.warn("dnd.webhooks.twilio.help-reply does not say how to opt out; carriers (CTIA) expect the HELP answer"
          + " to name the program, how to get help and to reply STOP to opt out");
    }
    TwilioWebhooks.Replies replies = new TwilioWebhooks.Replies(twilio.optOutReply(), twilio.optInReply(),
        twilio.optInBlockedReply(), twilio.helpReply(),
        TwiML.verbs(twilio.voiceResponse(), "dnd.webhooks.twilio.voice-response"));
    return new TwilioWebhooks(signature, log, dnd, auditTrail, addresses, correlator, sentMessages, replies,
        properties.keywords().keywords(), database.transactionManager());
  }

  /** The controllers: in a servlet web application, with {@code dnd.webhooks.enabled} (on by default). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnProperty(prefix = "dnd.webhooks", name = "enabled", havingValue = "true", matchIfMissing = true)
  static class WebhookControllers {

    @Bean
    @ConditionalOnMissingBean
    MailgunWebhookController dndMailgunWebhookController(MailgunWebhooks webhooks, DndProperties properties) {
      return new MailgunWebhookController(webhooks, properties.webhooks().maxBodySize().toBytes());
    }

    @Bean
    @ConditionalOnMissingBean
    TwilioWebhookController dndTwilioWebhookController(TwilioWebhooks webhooks, DndProperties properties) {
      return new TwilioWebhookController(webhooks, properties.webhooks().maxBodySize().toBytes());
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookProblemAdvice dndWebhookProblemAdvice() {
      return new WebhookProblemAdvice();
    }
  }

  private static void warnIfMissing(String secret, String provider, String property) {
    if (secret == null || secret.isBlank()) {
      LOG.warn("{} webhook requests are all refused until {} is set", provider, property);
    }
  }
}
