package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code dnd.retention.*}: its defaults, its floors, and the override that lets audit go below three years. */
class RetentionPropertiesTest {

  private final ApplicationContextRunner runner = DndPropertiesContext.runner();

  @Test
  void theDefaultsKeepEvidenceFiveYearsAndProviderEventsThirtyDays() {
    runner.run(context -> {
      RetentionProperties retention = context.getBean(DndProperties.class).retention();
      assertThat(retention.enabled()).isTrue();
      assertThat(retention.audit()).isEqualTo(Period.ofYears(5));
      assertThat(retention.providerEvents()).isEqualTo(Duration.ofDays(30));
      assertThat(retention.skipRecords()).isEqualTo(Period.ofYears(5));
      assertThat(retention.outbox()).isEqualTo(Period.ofYears(5));
      assertThat(retention.interval()).isEqualTo(Duration.ofHours(1));
      assertThat(retention.batchSize()).isEqualTo(1000);
    });
  }

  @Test
  void auditBelowThreeYearsStopsTheStartUnlessExplicitlyAllowed() {
    runner.withPropertyValues("dnd.retention.audit=2y").run(context -> assertThat(context).hasFailed()
        .getFailure().rootCause().hasMessageContaining("dnd.retention.audit is P2Y, below the floor of P3Y")
        .hasMessageContaining("dnd.retention.allow-below-floor=true"));
    runner.withPropertyValues("dnd.retention.audit=2y", "dnd.retention.allow-below-floor=true").run(context ->
        assertThat(context.getBean(DndProperties.class).retention().audit()).isEqualTo(Period.ofYears(2)));
    runner.withPropertyValues("dnd.retention.audit=36m").run(context ->
        assertThat(context.getBean(DndProperties.class).retention().audit()).isEqualTo(Period.ofMonths(36)));
  }

  @Test
  void providerEventsBelowADayAndANonPositiveIntervalOrBatchAreRefused() {
    assertThatThrownBy(() -> new RetentionProperties(true, Period.ofYears(5), Duration.ofHours(2), Period.ofYears(5),
        Period.ofYears(5), Duration.ofHours(1), 1000, false))
        .hasMessageContaining("dnd.retention.provider-events is PT2H; keep them at least PT24H");
    assertThatThrownBy(() -> new RetentionProperties(true, Period.ofYears(5), Duration.ofDays(30), Period.ofYears(5),
        Period.ofYears(5), Duration.ZERO, 1000, false)).hasMessageContaining("dnd.retention.interval must be positive");
    assertThatThrownBy(() -> new RetentionProperties(true, Period.ofYears(5), Duration.ofDays(30), Period.ofYears(5),
        Period.ofYears(5), Duration.ofHours(1), 0, false)).hasMessageContaining("dnd.retention.batch-size");
    assertThatThrownBy(() -> new RetentionProperties(true, Period.ofYears(5), Duration.ofDays(30), Period.ZERO,
        Period.ofYears(5), Duration.ofHours(1), 1000, false)).hasMessageContaining("must be positive");
  }
}
