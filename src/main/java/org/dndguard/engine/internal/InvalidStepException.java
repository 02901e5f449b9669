package org.dndguard.engine.internal;

/**
 * A marked BPMN element that DND Guard cannot guard as modelled. The deployment is refused; the
 * message names the process, the element and the value, and says how to fix it.
 */
public class InvalidStepException extends RuntimeException {

  public InvalidStepException(String message) {
    super(message);
  }
}
