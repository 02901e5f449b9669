package org.dndguard.engine;

/**
 * A communication step that DND Guard could not check: no contact id, an expression that failed,
 * an unknown contact, a DND store that did not answer. The step fails (an incident for an async
 * step, a rollback otherwise) and its work does not run: DND Guard fails closed.
 */
public class DndGuardException extends RuntimeException {

  public DndGuardException(String message) {
    super(message);
  }

  public DndGuardException(String message, Throwable cause) {
    super(message, cause);
  }
}
