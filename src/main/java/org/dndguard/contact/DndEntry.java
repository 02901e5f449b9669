package org.dndguard.contact;

import java.time.Instant;
import java.util.Objects;

/**
 * One reason for which one target is blocked. A target may be blocked for several reasons at
 * once (a user's DND and a STOP text, say); it is clear when none is left.
 */
public record DndEntry(DndTarget target, DndReason reason, Instant since, Evidence evidence) {

  public DndEntry {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(evidence, "evidence");
  }

  public DndKind kind() {
    return reason.kind();
  }

  public boolean userMayClear() {
    return reason.userMayClear();
  }

  /** How this entry came about, e.g. "the opt-out keyword STOP" or "Twilio error 21610". */
  public String setBy() {
    return switch (reason) {
      case MANUAL -> evidence.source() == Source.WORKFLOW
          ? "a workflow" + (evidence.actor() == null ? "" : " (process instance " + evidence.actor() + ")")
          : "a user" + (evidence.actor() == null ? "" : " (" + evidence.actor() + ")");
      case SMS_OPT_OUT -> optOut() + (target == DndTarget.CALL ? " (a texted opt-out that revokes all consent)" : "");
      case WHATSAPP_OPT_OUT -> optOut() + " on WhatsApp";
      case WHATSAPP_BLOCKED -> "Twilio error " + evidence.code() + " (blocked by the recipient on WhatsApp)"
          + (evidence.providerEventId() == null ? "" : " on message " + evidence.providerEventId());
      case CARRIER_TEMPORARY, CARRIER_PERMANENT -> "Twilio error " + evidence.code()
          + (evidence.providerEventId() == null ? "" : " on message " + evidence.providerEventId());
      case SPAM_COMPLAINT -> "a spam complaint" + mailgunEvent();
      case EMAIL_UNSUBSCRIBE -> evidence.source() == Source.UNSUBSCRIBE_LINK
          ? "the contact's unsubscribe link" + (evidence.messageId() == null ? "" : " in message " + evidence.messageId())
          : "an unsubscribe" + mailgunEvent();
      case EMAIL_BOUNCE -> "a permanent bounce"
          + (evidence.code() == null ? "" : " (" + evidence.code() + ")") + mailgunEvent();
    };
  }

  /** "the opt-out keyword STOP", or "the opt-out phrase "please stop"" for a reply a phrase matched. */
  private String optOut() {
    String word = evidence.keyword() == null ? "STOP" : evidence.keyword();
    boolean phrase = evidence.reply() != null
        && (evidence.reply().rule() == SmsKeyword.Rule.RULE_WORD || evidence.reply().rule() == SmsKeyword.Rule.PHRASE_LIST);
    return phrase ? "the opt-out phrase \"" + word + "\"" : "the opt-out keyword " + word;
  }

  private String mailgunEvent() {
    return evidence.providerEventId() == null ? "" : " (Mailgun event " + evidence.providerEventId() + ")";
  }
}
