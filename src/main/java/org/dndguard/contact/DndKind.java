package org.dndguard.contact;

/** How long-lived a DND entry is, as the rules see it. */
public enum DndKind {
  /** Set by a user or a workflow; a user or workflow may clear it. */
  MANUAL,
  /** Set by a temporary delivery problem (carrier errors 30003, 30005, 30006). */
  TEMPORARY,
  /** Set by the contact or a provider for good: bounces, unsubscribes, complaints, opt-outs. */
  PERMANENT
}
