package org.dndguard.provider.internal;

import java.util.Map;
import java.util.Objects;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.contact.internal.SmsKeywords;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.DndService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Twilio's webhooks: message status callbacks ({@link TwilioStatusWebhook}), inbound texts
 * ({@link TwilioSmsWebhook}) and inbound calls ({@link TwilioVoiceWebhook}). Each request's form is
 * checked by one {@link TwilioForm} first (signature, repeated parameters); every event is acted on once.
 */
public class TwilioWebhooks {

  public static final String STATUS_PATH = "/webhooks/twilio/status";
  public static final String SMS_PATH = "/webhooks/twilio/sms";
  public static final String VOICE_PATH = "/webhooks/twilio/voice";

  /** A Twilio webhook request as received: what the signature covers, and the signature. */
  public record Request(String path, String rawQuery, FormParameters parameters, String signature) {
  }

  /** What the webhook did, and the TwiML to answer with (null for status callbacks). */
  public record Receipt(String sid, ProviderOutcome outcome, TwiML answer) {
  }

  /**
   * The texts and the call response that the webhooks answer with.
   *
   * @param optOut the answer to an opt-out keyword, and to an opt-out in a language without an answer of
   *     its own ({@link Keywords#optOutReplies()})
   * @param optIn the answer to an opt-in keyword that leaves SMS free
   * @param optInBlocked the answer to an opt-in keyword after which SMS stays in DND (a user's DND
   *     or ALL, which an opt-in does not lift)
   * @param help the answer to HELP
   * @param voice the answer to a call that inbound CALL DND does not block
   */
  public record Replies(String optOut, String optIn, String optInBlocked, String help, TwiML voice) {
  }

  /**
   * How inbound replies are read and confirmed (docs/rules.md, "What counts as an opt-out").
   *
   * @param lists the keyword and phrase lists
   * @param optOutReplies the opt-out confirmation by language ({@code es}, {@code fr} ...); a language
   *     without one is confirmed with {@link Replies#optOut()}; a blank text answers nothing
   * @param revokeAll whether a texted opt-out also sets CALL DND, with the same evidence and lifted by
   *     the same START (the FCC's revoke-all provision, 47 CFR 64.1200(a)(10), from 31 January 2027)
   */
  public record Keywords(SmsKeywords lists, Map<String, String> optOutReplies, boolean revokeAll) {

    /** The built-in opt-out confirmations besides English, which {@link Replies#optOut()} holds. */
    public static final Map<String, String> DEFAULT_OPT_OUT_REPLIES = Map.of(
        "es", "Has cancelado tu suscripción y no recibirás más mensajes. Responde START para volver a suscribirte.",
        "fr", "Vous êtes désabonné et ne recevrez plus de messages. Répondez START pour vous réabonner.");

    public Keywords {
      Objects.requireNonNull(lists, "lists");
      optOutReplies = Map.copyOf(optOutReplies);
    }

    /** Every built-in list, the built-in confirmations, revoke-all off. */
    public static Keywords defaults() {
      return new Keywords(SmsKeywords.defaults(), DEFAULT_OPT_OUT_REPLIES, false);
    }

    /** The opt-out confirmation in the reply's language, else the default one. */
    String optOutReply(String language, String otherwise) {
      return language == null ? otherwise : optOutReplies.getOrDefault(language, otherwise);
    }
  }

  private final TwilioStatusWebhook status;
  private final TwilioSmsWebhook sms;
  private final TwilioVoiceWebhook voice;

  public TwilioWebhooks(TwilioSignature signature, ProviderEventLog log, DndService dnd, AuditTrail auditTrail,
      AddressNormalizer addresses, InboundSmsCorrelator correlator, ObjectProvider<SentMessageLookup> sentMessages,
      Replies replies, PlatformTransactionManager transactions) {
    this(signature, log, dnd, auditTrail, addresses, correlator, sentMessages, replies, Keywords.defaults(),
        transactions);
  }

  public TwilioWebhooks(TwilioSignature signature, ProviderEventLog log, DndService dnd, AuditTrail auditTrail,
      AddressNormalizer addresses, InboundSmsCorrelator correlator, ObjectProvider<SentMessageLookup> sentMessages,
      Replies replies, Keywords keywords, PlatformTransactionManager transactions) {
    TwilioWebhook.Parts parts = new TwilioWebhook.Parts(new TwilioForm(signature, addresses), log, dnd,
        new ProviderAudit(dnd, auditTrail), new TransactionTemplate(transactions), replies, correlator, sentMessages);
    this.status = new TwilioStatusWebhook(parts);
    this.sms = new TwilioSmsWebhook(parts, keywords);
    this.voice = new TwilioVoiceWebhook(parts);
  }

  /** A message status callback; carrier errors set SMS DND. */
  public Receipt status(Request request) {
    return status.receive(request);
  }

  /** An inbound text: a keyword, or a text for the contact's workflows. */
  public Receipt sms(Request request) {
    return sms.receive(request);
  }

  /** An inbound call: rejected under inbound CALL DND. */
  public Receipt voice(Request request) {
    return voice.receive(request);
  }
}
