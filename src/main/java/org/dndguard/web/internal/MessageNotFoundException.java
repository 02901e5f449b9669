package org.dndguard.web.internal;

/** A message id that is not in the outbox; answered as 404 {@code urn:dndguard:problem:message-not-found}. */
class MessageNotFoundException extends RuntimeException {

  MessageNotFoundException(long id) {
    super("There is no message " + id + " in the outbox; POST /api/contacts/{id}/messages answers with the id");
  }
}
