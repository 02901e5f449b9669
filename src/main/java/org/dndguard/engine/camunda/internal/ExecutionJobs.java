package org.dndguard.engine.camunda.internal;

import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/** DND Guard's jobs that belong to an execution, made the way the engine's own job declarations make theirs. */
final class ExecutionJobs {

  private ExecutionJobs() {
  }

  /**
   * Makes the job one of the execution's: Camunda then deletes it with the execution, suspends and
   * activates it with the instance or its definition (by definition id or key), finds it in job
   * queries by definition, and shows its incident on the instance in Cockpit.
   */
  static void attach(JobEntity job, ExecutionEntity execution) {
    job.setExecution(execution);
    ProcessDefinitionEntity definition = execution.getProcessDefinition();
    job.setProcessDefinitionId(definition.getId());
    job.setProcessDefinitionKey(definition.getKey());
    job.setDeploymentId(definition.getDeploymentId());
    job.setTenantId(execution.getTenantId());
  }
}
