package org.dndguard.engine;

import java.util.Locale;

/**
 * What a communication step does when it is due outside its channel's window in the contact's
 * time zone ({@code dnd.quietHours}).
 */
public enum QuietHoursMode {
  /**
   * The default: the instance waits at the step, durably (an engine timer job), until the window
   * opens; then DND is checked again and the step runs or is skipped.
   */
  DEFER,
  /** The step is skipped, as if its channel were in DND. */
  SKIP,
  /** Quiet hours do not apply: for informational steps such as a receipt the contact asked for. */
  IGNORE;

  /** The value as designers write it: {@code defer}, {@code skip} or {@code ignore}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
