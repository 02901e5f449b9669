package org.dndguard.engine.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.dndguard.contact.Channel;
import org.dndguard.engine.StepOutcome;

/**
 * The counter {@value #STEPS} of guarded steps, tagged by {@code channel} and {@code outcome}
 * ({@code ran}, {@code skipped}, {@code routed}, and {@code failed} for steps that failed closed).
 */
public class GuardMetrics {

  public static final String STEPS = "dnd.guard.steps";
  /** The counter of communications a limit held back (deferred, skipped, routed, or held in the outbox), by rule. */
  public static final String LIMITS_HELD = "dnd.limits.held";

  /** The channel tag of a step that failed before its channel was known (its expression failed). */
  static final String UNKNOWN_CHANNEL = "unknown";

  private static final int OUTCOMES = StepOutcome.values().length;

  private final MeterRegistry registry;
  // one counter per channel (and unknown) and outcome, registered on first use: looking a counter up
  // in the registry on every step cost about a tenth of the guard's time per step
  private final AtomicReferenceArray<Counter> counters =
      new AtomicReferenceArray<>((Channel.values().length + 1) * OUTCOMES);

  public GuardMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  void count(Channel channel, StepOutcome outcome) {
    int slot = (channel == null ? 0 : channel.ordinal() + 1) * OUTCOMES + outcome.ordinal();
    Counter counter = counters.get(slot);
    if (counter == null) {
      // two threads may both register; the registry gives both the same counter
      counter = register(channel, outcome);
      counters.set(slot, counter);
    }
    counter.increment();
  }

  private final ConcurrentMap<String, Counter> held = new ConcurrentHashMap<>();

  /** Counts a communication the rule held back. */
  public void held(String rule) {
    held.computeIfAbsent(rule, name -> Counter.builder(LIMITS_HELD)
        .description("Communications a DND Guard communication limit held back, by rule")
        .tag("rule", name)
        .register(registry)).increment();
  }

  private Counter register(Channel channel, StepOutcome outcome) {
    return Counter.builder(STEPS)
        .description("Communication steps checked by DND Guard, by channel and outcome")
        .tag("channel", channel == null ? UNKNOWN_CHANNEL : channel.name())
        .tag("outcome", outcome.tag())
        .register(registry);
  }
}
