package org.dndguard.messaging;

/** Where a message in the outbox stands. */
public enum MessageStatus {
  /** Queued, waiting for dispatch (again, after a failed attempt: see the next attempt time). */
  PENDING,
  /** Taken by a dispatch run, which is about to check DND and send it. */
  CLAIMED,
  /** Handed to the provider; the answer is awaited. */
  SENDING,
  /** The provider accepted it. */
  SENT,
  /** Not sent, and never will be: the channel was in DND when it was due, or its address changed. */
  BLOCKED,
  /** Not sent: the provider refused it, or every attempt failed. The detail says why. */
  FAILED,
  /**
   * Handed to the provider, but whether it was sent is unknown: its answer could not be recorded
   * (a database error after the provider accepted it, or a node that stopped mid-send). It is never
   * sent again; look it up at the provider with the detail's message id.
   */
  UNKNOWN;

  /** Whether nothing more will happen to a message in this status. */
  public boolean isFinal() {
    return this == SENT || this == BLOCKED || this == FAILED || this == UNKNOWN;
  }
}
