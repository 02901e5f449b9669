package org.dndguard.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dndguard.contact.Channel;
import org.dndguard.engine.StepOutcome;
import org.junit.jupiter.api.Test;

/** The counter is registered once per channel and outcome and then reused, so each count lands in the registry. */
class GuardMetricsTest {

  @Test
  void countsEachChannelAndOutcomeInItsOwnCounter() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    GuardMetrics metrics = new GuardMetrics(registry);

    metrics.count(Channel.SMS, StepOutcome.RAN);
    metrics.count(Channel.SMS, StepOutcome.RAN);
    metrics.count(Channel.SMS, StepOutcome.SKIPPED);
    metrics.count(Channel.GMB, StepOutcome.RAN);
    metrics.count(null, StepOutcome.FAILED);

    assertThat(count(registry, "SMS", "ran")).isEqualTo(2);
    assertThat(count(registry, "SMS", "skipped")).isEqualTo(1);
    assertThat(count(registry, "GMB", "ran")).isEqualTo(1);
    assertThat(count(registry, GuardMetrics.UNKNOWN_CHANNEL, "failed")).isEqualTo(1);
    assertThat(registry.find(GuardMetrics.STEPS).counters()).hasSize(4);
  }

  @Test
  void twoGuardsOnOneRegistryShareTheCounters() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    new GuardMetrics(registry).count(Channel.EMAIL, StepOutcome.ROUTED);
    new GuardMetrics(registry).count(Channel.EMAIL, StepOutcome.ROUTED);

    assertThat(count(registry, "EMAIL", "routed")).isEqualTo(2);
  }

  private static double count(SimpleMeterRegistry registry, String channel, String outcome) {
    return registry.get(GuardMetrics.STEPS).tag("channel", channel).tag("outcome", outcome).counter().count();
  }
}
