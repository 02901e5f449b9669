package org.dndguard.messaging;

/**
 * A communication step that could not queue its message (no contact, an unknown contact, no
 * address for the channel, an empty body). It fails the step, so nothing is sent and the step's
 * transaction rolls back: an incident for an asynchronous step, an error for the caller otherwise.
 */
public class MessageNotQueuedException extends RuntimeException {

  public MessageNotQueuedException(String message, Throwable cause) {
    super(message, cause);
  }
}
