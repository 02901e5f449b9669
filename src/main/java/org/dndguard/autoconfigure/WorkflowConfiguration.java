package org.dndguard.autoconfigure;

import java.time.Clock;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.dndguard.store.AuditTrail;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndService;
import org.dndguard.web.WorkflowRemovalController;
import org.dndguard.workflow.ContactInstanceIndex;
import org.dndguard.workflow.ContactInstanceIndexPlugin;
import org.dndguard.workflow.DndChangedListener;
import org.dndguard.workflow.DndChangedTrigger;
import org.dndguard.workflow.RemoveFromAllWorkflowsDelegate;
import org.dndguard.workflow.UpdateDndDelegate;
import org.dndguard.workflow.WorkflowContact;
import org.dndguard.workflow.WorkflowRemoval;
import org.springframework.beans.factory.annotation.Qualifier;
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
  ContactInstanceIndex dndContactInstanceIndex(EngineDatabase database, DndSchema schema) {
    return new ContactInstanceIndex(database.dataSource(), schema);
  }

  /** Collected by the Camunda starter like every ProcessEnginePlugin bean. */
  @Bean
  @ConditionalOnMissingBean
  ContactInstanceIndexPlugin dndContactInstanceIndexPlugin(ContactInstanceIndex index, WorkflowContact contact) {
    return new ContactInstanceIndexPlugin(index, contact);
  }

  @Bean
  @ConditionalOnMissingBean
  WorkflowRemoval dndWorkflowRemoval(RuntimeService runtimeService, RepositoryService repositoryService,
      ContactInstanceIndex index, AuditTrail auditTrail, EngineDatabase database,
      @Qualifier("dndClock") Clock clock, DndProperties properties) {
    WorkflowProperties workflows = properties.workflows();
    return new WorkflowRemoval(runtimeService, repositoryService, index, auditTrail, database.transactionManager(),
        clock,
        workflows.batchThreshold(), workflows.removalRetries());
  }

  @Bean
  @ConditionalOnMissingBean
  DndChangedTrigger dndChangedTrigger(RuntimeService runtimeService, RepositoryService repositoryService,
      ContactInstanceIndex index, WorkflowContact contact, EngineDatabase database) {
    return new DndChangedTrigger(runtimeService, repositoryService, index, contact, database.transactionManager());
  }

  @Bean
  @ConditionalOnMissingBean
  DndChangedListener dndChangedListener(WorkflowRemoval removal, DndChangedTrigger trigger,
      DndProperties properties) {
    WorkflowProperties workflows = properties.workflows();
    return new DndChangedListener(removal, trigger, workflows.removeWhenFullyBlocked(), workflows.dndChangedMessage());
  }

  /** The "DND Contact" action; the bean name is what models call: {@code ${updateDnd}}. */
  @Bean
  @ConditionalOnMissingBean(name = "updateDnd")
  UpdateDndDelegate updateDnd(DndService dndService, WorkflowContact contact, @Qualifier("dndClock") Clock clock) {
    return new UpdateDndDelegate(dndService, contact, clock);
  }

  /** The bean name is what models call: {@code ${removeFromAllWorkflows}}. */
  @Bean
  @ConditionalOnMissingBean(name = "removeFromAllWorkflows")
  RemoveFromAllWorkflowsDelegate removeFromAllWorkflows(WorkflowRemoval removal, WorkflowContact contact,
      @Qualifier("dndClock") Clock clock) {
    return new RemoveFromAllWorkflowsDelegate(removal, contact, clock);
  }

  @Bean
  @ConditionalOnDndApi
  @ConditionalOnMissingBean
  WorkflowRemovalController dndWorkflowRemovalController(WorkflowRemoval removal,
      @Qualifier("dndClock") Clock clock) {
    return new WorkflowRemovalController(removal, clock);
  }
}
