package org.dndguard.engine;

import java.util.Locale;

/** What DND Guard did with a communication step. */
public enum StepOutcome {
  /** The contact was not in DND on the channel: the step ran as it would without DND Guard. */
  RAN,
  /** The contact was in DND: the step's work did not run and the token moved on. */
  SKIPPED,
  /** The contact was in DND: the BPMN error DND_BLOCKED went to its catcher. */
  ROUTED,
  /**
   * The step was due outside its channel's window in the contact's time zone: the instance waits
   * at it until the window opens, then DND is checked again.
   */
  DEFERRED,
  /** DND Guard could not check the step, so it failed without running (fail closed). */
  FAILED;

  /** The metric tag value, e.g. {@code skipped}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
