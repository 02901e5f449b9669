package org.dndguard.provider.internal;

/** What DND Guard did with a provider event; recorded with the event and answered to the provider. */
public enum ProviderOutcome {
  /** Claimed and being processed; replaced by the final outcome in the same transaction. */
  RECEIVED,
  /** A second delivery of an event already processed: nothing changed. */
  DUPLICATE,
  /** DND was turned on, for the address and every contact that has it. */
  DND_SET,
  /** The DND the event asks for was already on: nothing changed. */
  DND_ALREADY_SET,
  /** An opt-in lifted the SMS DND that keywords and carrier errors had set. */
  DND_LIFTED,
  /** An opt-in found no SMS DND it may lift. */
  NOTHING_TO_LIFT,
  /**
   * An opt-in after which SMS stays in DND for a contact with the number, by a user's DND or ALL,
   * which an opt-in does not lift; what it could lift is lifted, and the refusal is audited.
   */
  OPT_IN_REFUSED,
  /** By the rules the event changes nothing (a temporary failure, another error code); audited. */
  IGNORED,
  /** HELP or INFO was answered with the help text. */
  HELP_ANSWERED,
  /** An inbound text was handed to at least one waiting workflow instance. */
  CORRELATED,
  /** An inbound text from a known contact found no workflow instance waiting for it. */
  NO_WAITING_WORKFLOW,
  /**
   * An inbound text reached no workflow instance because every instance waiting for it failed to
   * take it (its next step failed); the detail names them, the server log has the causes.
   */
  CORRELATION_FAILED,
  /** An inbound text or call from a number no contact has. */
  UNKNOWN_SENDER,
  /** An inbound text reached no workflow because inbound SMS DND is on for every contact with the number. */
  INBOUND_BLOCKED,
  /** An inbound call was rejected because inbound CALL DND is on for a contact with the number. */
  CALL_REJECTED,
  /** An inbound call was answered with the configured response. */
  CALL_ANSWERED
}
