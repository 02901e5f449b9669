package org.dndguard.web;

/**
 * What a Camunda user may do with DND Guard. The user's Camunda groups decide it
 * ({@link DndAuthorization}); the groups are named by {@code dnd.authorization.*}.
 */
public enum DndPermission {

  /** Read contacts, DND records, the audit trail, skip records and the outbox. */
  READ,
  /** Register contacts, set and clear DND, send manual messages. */
  CHANGE,
  /** Remove a contact from all workflows. */
  REMOVE_WORKFLOWS
}
