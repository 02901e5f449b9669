package org.dndguard.store;

/** What an audit row records. */
public enum AuditAction {
  /** A DND entry was turned on. */
  SET,
  /** A DND entry was turned off. */
  CLEARED,
  /** A change was refused by the rules; the message says why. */
  REFUSED,
  /** A provider event was received and, by the rules, changes nothing. */
  IGNORED,
  /** An inbound call or text was blocked by inbound DND. */
  INBOUND_BLOCKED,
  /** The contact was removed from workflows. */
  WORKFLOW_REMOVAL,
  /** The contact's addresses were registered or changed. */
  ADDRESSES_CHANGED,
  /** The contact left a topic (its {@code topic} names it): messages about it are blocked on every channel. */
  TOPIC_LEFT,
  /** The contact rejoined a topic it had left. */
  TOPIC_REJOINED,
  /**
   * An operator sent an UNKNOWN or FAILED outbox message again, after DND was checked; the
   * evidence's message id names the original, the row's message the new one.
   */
  MESSAGE_RESENT,
  /** A communication limit rule was created or changed through the API; the message gives the rule. */
  LIMIT_RULE_SET,
  /** A communication limit rule set through the API was deleted. */
  LIMIT_RULE_DELETED,
  /** An operator sent a manual message over a communication limit; the note gives the reason. */
  LIMIT_OVERRIDDEN
}
