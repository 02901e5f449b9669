package org.dndguard.autoconfigure;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.dndguard.contact.DndClock;
import org.dndguard.engine.DeliveryQueue;
import org.dndguard.engine.internal.EngineIdentity;
import org.dndguard.engine.camunda.ContactInstanceIndexPlugin;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.engine.camunda.internal.SeparateTransactions;
import org.dndguard.store.DndService;
import org.dndguard.web.internal.WorkflowRemovalController;
import org.dndguard.workflow.internal.CamundaTaskIndex;
import org.dndguard.store.DndTables;
import org.dndguard.workflow.ContactInstanceIndex;
import org.dndguard.workflow.internal.ContactInstanceIndexUpdates;
import org.dndguard.workflow.internal.DndChangedListener;
import org.dndguard.workflow.internal.DndChangedTrigger;
import org.dndguard.workflow.RemoveFromAllWorkflowsDelegate;
import org.dndguard.workflow.UpdateDndDelegate;
import org.dndguard.workflow.internal.WorkflowContact;
import org.dndguard.workflow.WorkflowRemoval;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The workflow actions: the contact index and its engine plugin, removal from all workflows, the
 * {@code ${updateDnd}} and {@code ${removeFromAllWorkflows}} beans for service tasks, the
 * {@code DndChanged} trigger and the removal endpoint.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "dnd.workflows", name = "enabled", havingValue = "true", matchIfMissing = true)
class WorkflowConfiguration {

  @Bean
  @ConditionalOnMissingBean
  WorkflowContact dndWorkflowContact(DndProperties properties) {
    return new WorkflowContact(properties.contactVariable());
  }

  @Bean
  @ConditionalOnMissingBean
  ContactInstanceIndex dndContactInstanceIndex(DndTables tables) {
    return new ContactInstanceIndex(tables);
  }

  /** Collected by the Camunda starter like every ProcessEnginePlugin bean. */
  @Bean
  @ConditionalOnMissingBean
  ContactInstanceIndexPlugin dndContactInstanceIndexPlugin(ContactInstanceIndex index, WorkflowContact contact) {
    return new ContactInstanceIndexPlugin(new ContactInstanceIndexUpdates(index, contact));
  }

  @Bean
  @ConditionalOnMissingBean
  WorkflowRemoval dndWorkflowRemoval(RuntimeService runtimeService, RepositoryService repositoryService,
      ContactInstanceIndex index, AuditTrail auditTrail, EngineDatabase database,
      DndClock dndClock, DndProperties properties, EngineIdentity engineIdentity) {
    WorkflowProperties workflows = properties.workflows();
    return new WorkflowRemoval(runtimeService, repositoryService, index, auditTrail,
        new SeparateTransactions(database.transactionManager()), dndClock.clock(), workflows.batchThreshold(),
        workflows.removalRetries(), engineIdentity);
  }

  @Bean
  @ConditionalOnMissingBean
  DndChangedTrigger dndChangedTrigger(ProcessEngine engine, ContactInstanceIndex index, WorkflowContact contact,
      WorkflowRemoval removal, DeliveryQueue deliveries) {
    return new DndChangedTrigger(engine, index, contact, removal, deliveries);
  }

  @Bean
  @ConditionalOnMissingBean
  DndChangedListener dndChangedListener(DndChangedTrigger trigger, DndProperties properties) {
    WorkflowProperties workflows = properties.workflows();
    return new DndChangedListener(trigger, workflows.removeWhenFullyBlocked(), workflows.dndChangedMessage());
  }

  /** The "DND Contact" action; the bean name is what models call: {@code ${updateDnd}}. */
  @Bean
  @ConditionalOnMissingBean(name = "updateDnd")
  UpdateDndDelegate updateDnd(DndService dndService, WorkflowContact contact) {
    return new UpdateDndDelegate(dndService, contact);
  }

  /** The bean name is what models call: {@code ${removeFromAllWorkflows}}. */
  @Bean
  @ConditionalOnMissingBean(name = "removeFromAllWorkflows")
  RemoveFromAllWorkflowsDelegate removeFromAllWorkflows(WorkflowRemoval removal, WorkflowContact contact) {
    return new RemoveFromAllWorkflowsDelegate(removal, contact);
  }

  /**
   * Tells a host at start when Camunda's task table lacks the index that removal and task
   * completion need (the reference application creates it); DND Guard does not change the
   * engine's tables of a host.
   */
  @Bean
  SmartInitializingSingleton dndCamundaTaskIndexCheck(EngineDatabase database, ProcessEngine engine) {
    return () -> CamundaTaskIndex.warnIfMissing(database.dataSource());
  }

  @Bean
  @ConditionalOnDndApi
  @ConditionalOnMissingBean
  WorkflowRemovalController dndWorkflowRemovalController(WorkflowRemoval removal,
      DndClock dndClock) {
    return new WorkflowRemovalController(removal, dndClock.clock());
  }
}
