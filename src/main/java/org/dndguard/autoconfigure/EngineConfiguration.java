package org.dndguard.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ProcessEngine;
import org.dndguard.contact.DndClock;
import org.dndguard.engine.internal.DeliveryHandler;
import org.dndguard.engine.internal.DeliveryMetrics;
import org.dndguard.engine.internal.GuardMetrics;
import org.dndguard.engine.SkipRecords;
import org.dndguard.engine.internal.StepGuard;
import org.dndguard.engine.camunda.internal.CamundaDeliveries;
import org.camunda.bpm.engine.IdentityService;
import org.dndguard.engine.internal.EngineIdentity;
import org.dndguard.engine.camunda.internal.CamundaIdentity;
import org.dndguard.engine.camunda.DndGuardPlugin;
import org.dndguard.engine.camunda.internal.RetentionPlugin;
import org.dndguard.engine.camunda.internal.RetentionPolicy;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.internal.ContactTimeZones;
import org.dndguard.store.DndService;
import org.dndguard.web.internal.DndSkipController;
import org.dndguard.store.DndTables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine guard: the process engine plugin that the Camunda starter collects, the step guard it uses, the skip records and their REST endpoint.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SkipRecords dndSkipRecords(DndTables tables) {
    return new SkipRecords(tables);
  }

  @Bean
  @ConditionalOnMissingBean
  StepGuard dndStepGuard(DndService dndService, DndProperties properties,
      ObjectProvider<MeterRegistry> meterRegistry, DndClock dndClock, ContactTimeZones timeZones,
      ObjectProvider<CommunicationCounts> counts) {
    GuardMetrics metrics = new GuardMetrics(DndMeters.registry(meterRegistry));
    return new StepGuard(dndService, metrics, properties.contactVariable(), dndClock.clock(), timeZones,
        properties.limits().counts(counts), properties.limits().countExempt());
  }

  /** The retention job ({@code dnd.retention.*}); off with {@code dnd.retention.enabled=false}. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(name = "dnd.retention.enabled", havingValue = "true", matchIfMissing = true)
  RetentionPlugin dndRetentionPlugin(DndProperties properties) {
    RetentionProperties retention = properties.retention();
    return new RetentionPlugin(new RetentionPolicy(retention.audit(), retention.providerEvents(),
        retention.skipRecords(), retention.outbox(), retention.interval(), retention.batchSize()));
  }

  /**
   * The calling thread's identity in the engine: DND Guard's authorization and removal step out of
   * it to read what the user may not, and the Cockpit plugin reads its user from it.
   */
  @Bean
  @ConditionalOnMissingBean
  EngineIdentity dndEngineIdentity(IdentityService identityService) {
    return new CamundaIdentity(identityService);
  }

  @Bean
  @ConditionalOnMissingBean
  DndGuardPlugin dndGuardPlugin(StepGuard stepGuard) {
    return new DndGuardPlugin(stepGuard);
  }

  /**
   * DND Guard's durable deliveries (DndChanged, InboundSms) as jobs of the engine's job executor; a
   * process engine plugin, collected by the Camunda starter. The handlers are looked up when the
   * first delivery runs, since they need the engine this plugin helps to build.
   */
  @Bean
  @ConditionalOnMissingBean
  CamundaDeliveries dndDeliveries(ObjectProvider<DeliveryHandler> handlers,
      ObjectProvider<MeterRegistry> meterRegistry) {
    MeterRegistry registry = DndMeters.registry(meterRegistry);
    CamundaDeliveries deliveries = new CamundaDeliveries(() -> handlers.orderedStream().toList(),
        new DeliveryMetrics(registry));
    // the deliveries whose attempts are spent, now, on every node: each is an incident to resolve
    Gauge.builder(DeliveryMetrics.NAME + ".incidents", deliveries, CamundaDeliveries::failedIfRunning)
        .description("DND Guard deliveries (DndChanged, InboundSms) that failed every attempt and wait as incidents")
        .register(registry);
    return deliveries;
  }

  @Bean
  @ConditionalOnDndApi
  @ConditionalOnMissingBean
  DndSkipController dndSkipController(SkipRecords skipRecords, ProcessEngine engine) {
    return new DndSkipController(skipRecords, engine);
  }
}
