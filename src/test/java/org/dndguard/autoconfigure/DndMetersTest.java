package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

class DndMetersTest {

  private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

  @Test
  void theHostsRegistryWhenItHasOne() {
    // given
    SimpleMeterRegistry hosts = new SimpleMeterRegistry();
    beans.registerSingleton("meterRegistry", hosts);

    // when / then
    assertThat(DndMeters.registry(beans.getBeanProvider(MeterRegistry.class))).isSameAs(hosts);
  }

  @Test
  void theGlobalRegistryWithoutOne() {
    assertThat(DndMeters.registry(beans.getBeanProvider(MeterRegistry.class))).isSameAs(Metrics.globalRegistry);
  }

  @Test
  void theGlobalRegistryWhenNoneOfSeveralIsMeant() {
    // given
    beans.registerSingleton("one", new SimpleMeterRegistry());
    beans.registerSingleton("other", new SimpleMeterRegistry());

    // when / then
    assertThat(DndMeters.registry(beans.getBeanProvider(MeterRegistry.class))).isSameAs(Metrics.globalRegistry);
  }
}
