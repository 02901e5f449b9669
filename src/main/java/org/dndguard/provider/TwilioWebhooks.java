package org.dndguard.provider;

import org.dndguard.contact.AddressNormalizer;
import org.dndguard.store.AuditTrail;
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
   * @param optOut the answer to an opt-out keyword
   * @param optIn the answer to an opt-in keyword that leaves SMS free
   * @param optInBlocked the answer to an opt-in keyword after which SMS stays in DND (a user's DND
   *     or ALL, which an opt-in does not lift)
   * @param help the answer to HELP
   * @param voice the answer to a call that inbound CALL DND does not block
   */
  public record Replies(String optOut, String optIn, String optInBlocked, String help, TwiML voice) {
  }

  private final TwilioStatusWebhook status;
  private final TwilioSmsWebhook sms;
  private final TwilioVoiceWebhook voice;

  public TwilioWebhooks(TwilioSignature signature, ProviderEventLog log, DndService dnd, AuditTrail auditTrail,
      AddressNormalizer addresses, InboundSmsCorrelator correlator, ObjectProvider<SentMessageLookup> sentMessages,
      Replies replies, PlatformTransactionManager transactions) {
    TwilioWebhook.Parts parts = new TwilioWebhook.Parts(new TwilioForm(signature, addresses), log, dnd,
        new ProviderAudit(dnd, auditTrail), new TransactionTemplate(transactions), replies, correlator, sentMessages);
    this.status = new TwilioStatusWebhook(parts);
    this.sms = new TwilioSmsWebhook(parts);
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
