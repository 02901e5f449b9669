package org.dndguard.messaging;

/** What the SMS compliance rule did to a message's body. */
public enum ComplianceOutcome {
  /** The opt-out text (and the sender, where configured) were added. */
  ADDED,
  /** Nothing added: the body has an opt-out instruction of its own. */
  IN_BODY,
  /** Nothing added: an SMS that carried the text went to the contact within the period. */
  NOT_DUE,
  /** Not an SMS: the rule does not apply. */
  NOT_APPLICABLE
}
