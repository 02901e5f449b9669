package org.dndguard.engine;

import java.util.Locale;
import org.dndguard.engine.internal.StepMark;

/**
 * What a communication step does when a communication limit holds it back ({@code dnd.onLimited}).
 */
public enum OnLimited {
  /**
   * The default: the instance waits at the step, durably (an engine timer job), until a place in
   * the limit's window frees; then DND, quiet hours and the limits are checked again.
   */
  DEFER,
  /** The step is skipped, with a skip record naming the rule. */
  SKIP,
  /** The BPMN error {@value StepMark#LIMITED_ERROR_CODE} is thrown, for the model to route elsewhere. */
  ERROR;

  /** The value as designers write it: {@code defer}, {@code skip} or {@code error}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
