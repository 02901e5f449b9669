package org.dndguard.contact;

/** A contact's overall outbound DND status. */
public enum DndStatus {
  /** Every outbound channel is blocked. */
  ON,
  /** Some outbound channels are blocked. */
  PARTIAL,
  /** No outbound channel is blocked. */
  OFF
}
