package org.dndguard.engine;

import java.util.Locale;
import org.dndguard.engine.internal.StepMark;

/** What a communication step does when its contact is in DND on its channel ({@code dnd.onBlocked}). */
public enum OnBlocked {
  /** The step's work never runs and the token leaves along the outgoing flows. The default. */
  SKIP,
  /** The BPMN error {@value StepMark#BLOCKED_ERROR_CODE} is thrown, for the model to route elsewhere. */
  ERROR;

  /** The value as designers write it: {@code skip} or {@code error}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
