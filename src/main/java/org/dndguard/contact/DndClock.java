package org.dndguard.contact;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The clock of every DND Guard timestamp: DND changes, audit rows, skip records, quiet hours and
 * limits. A type of its own, not a bare {@link Clock} bean, so that a host application's own
 * {@code Clock} bean stays the only one its code gets by type; a host or a test moves DND Guard's
 * time by declaring a {@code DndClock} bean of its own.
 *
 * @param clock the clock DND Guard reads
 */
public record DndClock(Clock clock) {

  public DndClock {
    Objects.requireNonNull(clock, "clock");
  }

  /** The system clock in UTC: what DND Guard reads unless a host or a test gives another. */
  public static DndClock systemUTC() {
    return new DndClock(Clock.systemUTC());
  }

  /** The current instant of the clock. */
  public Instant instant() {
    return clock.instant();
  }
}
