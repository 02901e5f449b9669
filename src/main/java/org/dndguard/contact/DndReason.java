package org.dndguard.contact;

/**
 * Why a DND entry is on. The reason decides who may turn it off: DESIGN.md's Rules table, in one
 * place.
 */
public enum DndReason {
  /** A user or a workflow set it. */
  MANUAL(DndKind.MANUAL, true, false),
  /** Mailgun: a permanent failure, reason bounce, suppress-bounce or generic. */
  EMAIL_BOUNCE(DndKind.PERMANENT, true, false),
  /** Mailgun: unsubscribed, or a permanent failure suppress-unsubscribe. */
  EMAIL_UNSUBSCRIBE(DndKind.PERMANENT, true, false),
  /** Mailgun: complained, or a permanent failure suppress-complaint. Nobody lifts it. */
  SPAM_COMPLAINT(DndKind.PERMANENT, false, false),
  /** Twilio: carrier errors 30003, 30005, 30006. */
  CARRIER_TEMPORARY(DndKind.TEMPORARY, true, true),
  /** Twilio: errors 30004 (blocked) and 21610 (the recipient replied STOP). */
  CARRIER_PERMANENT(DndKind.PERMANENT, false, true),
  /** The contact texted an opt-out keyword such as STOP. */
  SMS_OPT_OUT(DndKind.PERMANENT, false, true),
  /** The contact sent an opt-out keyword such as STOP on WhatsApp (Twilio {@code From=whatsapp:...}). */
  WHATSAPP_OPT_OUT(DndKind.PERMANENT, false, true),
  /** Twilio 63014 on a WhatsApp message: the recipient blocked the sender or opted out. */
  WHATSAPP_BLOCKED(DndKind.PERMANENT, false, true);

  private final DndKind kind;
  private final boolean userMayClear;
  private final boolean liftedByOptIn;

  DndReason(DndKind kind, boolean userMayClear, boolean liftedByOptIn) {
    this.kind = kind;
    this.userMayClear = userMayClear;
    this.liftedByOptIn = liftedByOptIn;
  }

  public DndKind kind() {
    return kind;
  }

  /** Whether a user, or a workflow acting as one, may clear an entry with this reason. */
  public boolean userMayClear() {
    return userMayClear;
  }

  /**
   * Whether the contact lifts an entry with this reason by an opt-in keyword (START): texted for SMS
   * entries, sent on WhatsApp for WHATSAPP entries.
   */
  public boolean liftedByOptIn() {
    return liftedByOptIn;
  }

  private boolean isWhatsApp() {
    return this == WHATSAPP_OPT_OUT || this == WHATSAPP_BLOCKED;
  }

  /** What would lift an entry with this reason, for people reading a refusal or a record. */
  public String howToLift() {
    if (userMayClear) {
      return liftedByOptIn
          ? "a user may clear it, and the contact lifts it by texting START"
          : "a user may clear it";
    }
    if (!liftedByOptIn) {
      return "it is permanent: no user or workflow can lift it";
    }
    return isWhatsApp()
        ? "only the contact can lift it, by sending START on WhatsApp"
        : "only the contact can lift it, by texting START";
  }
}
