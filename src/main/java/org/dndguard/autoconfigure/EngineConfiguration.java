package org.dndguard.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.dndguard.engine.GuardMetrics;
import org.dndguard.engine.SkipRecords;
import org.dndguard.engine.StepGuard;
import org.dndguard.engine.camunda.DndGuardPlugin;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndService;
import org.dndguard.web.DndSkipController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine guard: the process engine plugin that the Camunda starter collects, the step guard it uses, the skip records and their REST endpoint.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SkipRecords dndSkipRecords(EngineDatabase database, DndSchema schema) {
    return new SkipRecords(JdbcClient.create(database.dataSource()), schema);
  }

  @Bean
  @ConditionalOnMissingBean
  StepGuard dndStepGuard(DndService dndService, SkipRecords skipRecords, DndProperties properties,
      ObjectProvider<MeterRegistry> meterRegistry, @Qualifier("dndClock") Clock clock) {
    GuardMetrics metrics = new GuardMetrics(meterRegistry.getIfUnique(() -> Metrics.globalRegistry));
    return new StepGuard(dndService, skipRecords, metrics, properties.contactVariable(), clock);
  }

  @Bean
  @ConditionalOnMissingBean
  DndGuardPlugin dndGuardPlugin(StepGuard stepGuard) {
    return new DndGuardPlugin(stepGuard);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnDndApi
  static class SkipEndpointConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DndSkipController dndSkipController(SkipRecords skipRecords, RuntimeService runtimeService,
        HistoryService historyService) {
      return new DndSkipController(skipRecords, runtimeService, historyService);
    }
  }
}
