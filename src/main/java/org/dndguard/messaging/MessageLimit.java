package org.dndguard.messaging;

/** How the communication limits treat an outbox message. */
public enum MessageLimit {
  /** Counted when a provider accepts it, and held while a limit rule is full (the default). */
  LIMITED,
  /**
   * Queued by a guarded step, which already took its place (or was exempt) when it ran: neither
   * counted nor held again, so the communication counts once.
   */
  STEP,
  /**
   * Transactional ({@code dnd.limit=exempt}): never held; counted only with
   * {@code dnd.limits.count-exempt=true}.
   */
  EXEMPT,
  /** Sent over a full limit by an operator, with a reason (audited): counted, never held. */
  OVERRIDDEN;

  /** Whether a full rule holds the message back. */
  public boolean limited() {
    return this == LIMITED;
  }
}
