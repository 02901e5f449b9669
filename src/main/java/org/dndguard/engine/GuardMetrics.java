package org.dndguard.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.dndguard.contact.Channel;

/**
 * The counter {@value #STEPS} of guarded steps, tagged by {@code channel} and {@code outcome}
 * ({@code ran}, {@code skipped}, {@code routed}, and {@code failed} for steps that failed closed).
 */
public class GuardMetrics {

  public static final String STEPS = "dnd.guard.steps";

  /** The channel tag of a step that failed before its channel was known (its expression failed). */
  static final String UNKNOWN_CHANNEL = "unknown";

  private final MeterRegistry registry;

  public GuardMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  void count(Channel channel, StepOutcome outcome) {
    // the registry keeps one counter per tag combination; registering again returns it
    Counter.builder(STEPS)
        .description("Communication steps checked by DND Guard, by channel and outcome")
        .tag("channel", channel == null ? UNKNOWN_CHANNEL : channel.name())
        .tag("outcome", outcome.tag())
        .register(registry)
        .increment();
  }
}
