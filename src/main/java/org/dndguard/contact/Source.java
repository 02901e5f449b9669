package org.dndguard.contact;

/** Where a DND change came from. */
public enum Source {
  /** A person, through the API or an application. */
  USER,
  /** A BPMN workflow, through the DND action. */
  WORKFLOW,
  /** A Mailgun event webhook. */
  MAILGUN,
  /** A Twilio status callback or inbound message. */
  TWILIO,
  /** An opt-out kept for an address, applied when a contact got that address. */
  ADDRESS,
  /** The contact's one-click unsubscribe link (RFC 8058) in an outbox e-mail. */
  UNSUBSCRIBE_LINK,
  /** The host's contact directory, from which DND Guard registered a contact on first use. */
  DIRECTORY
}
