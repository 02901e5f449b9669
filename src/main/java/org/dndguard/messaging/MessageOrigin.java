package org.dndguard.messaging;

/** Who queued a message. */
public enum MessageOrigin {
  /** A communication step of a BPMN workflow ({@code ${sendSms}} and its siblings). */
  WORKFLOW,
  /** A user, through {@code POST /api/contacts/{id}/messages}. */
  MANUAL
}
