package org.dndguard.messaging;

/** Where a message in the outbox stands. */
public enum MessageStatus {
  /** Queued, waiting for dispatch (again, after a failed attempt: see the next attempt time). */
  PENDING,
  /** Taken by a dispatch run, which is about to check DND and send it. */
  CLAIMED,
  /** Handed to the provider; the answer is awaited. */
  SENDING,
  /** A provider accepted it. Only a provider's acceptance makes a message SENT. */
  SENT,
  /** Not sent, and never will be: the channel was in DND when it was due, or its address changed. */
  BLOCKED,
  /**
   * Not sent: the provider certainly did not take it (it refused it, no provider sends the
   * channel, or every attempt failed before reaching it). The detail says why; an operator may
   * resend it.
   */
  FAILED,
  /**
   * Handed to the provider, and it may have gone out: the provider's answer was a 5xx, could not be
   * read, never came (a reset or timeout after the request was written), or could not be recorded
   * (a database error after the provider accepted it, a node that stopped mid-send). It is never
   * sent again automatically, since a retry could be a second message; look it up at the provider,
   * and an operator may resend it.
   */
  UNKNOWN,
  /**
   * Never sent, only logged: no provider sends the channel and the deployment chose
   * {@code dnd.messaging.dispatch.log-only=true} (the reference application does).
   */
  LOGGED;

  /** Whether nothing more will happen to a message in this status. */
  public boolean isFinal() {
    return this == SENT || this == BLOCKED || this == FAILED || this == UNKNOWN || this == LOGGED;
  }

  /** Whether an operator may send the message again: it certainly failed, or may not have gone out. */
  public boolean mayBeResent() {
    return this == FAILED || this == UNKNOWN;
  }
}
