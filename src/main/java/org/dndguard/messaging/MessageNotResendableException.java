package org.dndguard.messaging;

/** Only an UNKNOWN or FAILED message may be sent again by an operator; this one is in another status. */
public class MessageNotResendableException extends RuntimeException {

  private final transient OutboxMessage message;

  public MessageNotResendableException(OutboxMessage message) {
    super("Message " + message.id() + " is " + message.status() + "; only UNKNOWN and FAILED messages can be sent"
        + " again (a SENT, LOGGED or BLOCKED one is done, a PENDING one is still due)");
    this.message = message;
  }

  public OutboxMessage message() {
    return message;
  }
}
