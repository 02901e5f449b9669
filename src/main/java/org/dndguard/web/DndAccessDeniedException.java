package org.dndguard.web;

/** TEMPORARY stand-in for issue 13's exception (branch i13); removed when i13 is merged. */
public class DndAccessDeniedException extends RuntimeException {

  public DndAccessDeniedException(String userId, DndPermission permission) {
    super("User " + userId + " lacks the DND permission " + permission);
  }
}
