package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A process without any dnd.* property behaves exactly as on an engine without DND Guard: the same
 * behaviours, and the same history for the same run, compared with a second engine that has no
 * plugin.
 */
class UnmarkedProcessTest extends EngineScenarioTest {

  private static ProcessEngine plainEngine;

  @BeforeAll
  static void startEngineWithoutDndGuard() {
    plainEngine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName("dnd-guard-plain")
        .setJdbcUrl("jdbc:h2:mem:dnd-guard-plain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .setJobExecutorActivate(false)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .buildProcessEngine();
  }

  @AfterAll
  static void stopEngineWithoutDndGuard() {
    plainEngine.close();
  }

  @Test
  void anUnmarkedProcessKeepsEveryBehaviourOfTheEngine() {
    String guarded = deployUnmarked(processEngine());
    String plain = deployUnmarked(plainEngine);

    assertThat(behaviours(processEngine(), guarded)).isEqualTo(behaviours(plainEngine, plain))
        .noneMatch(behaviour -> behaviour.contains("Guarded"));
  }

  @Test
  void anUnmarkedProcessLeavesTheSameHistory() {
    deployUnmarked(processEngine());
    deployUnmarked(plainEngine);

    assertThat(run(processEngine())).isEqualTo(run(plainEngine));
  }

  private String deployUnmarked(ProcessEngine processEngine) {
    org.camunda.bpm.engine.repository.Deployment deployment = processEngine.getRepositoryService()
        .createDeployment().addClasspathResource("org/dndguard/engine/Unmarked.bpmn").deploy();
    if (processEngine == processEngine()) {
      engine.manageDeployment(deployment);
    }
    return processEngine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment.getId())
        .singleResult().getId();
  }

  /** Every activity with its behaviour's class, in model order. */
  private static List<String> behaviours(ProcessEngine processEngine, String processDefinitionId) {
    ProcessDefinitionEntity definition = (ProcessDefinitionEntity) ((RepositoryServiceImpl) processEngine
        .getRepositoryService()).getDeployedProcessDefinition(processDefinitionId);
    List<String> behaviours = new ArrayList<>();
    collect(definition, behaviours);
    return behaviours;
  }

  private static void collect(ScopeImpl scope, List<String> behaviours) {
    for (ActivityImpl activity : scope.getActivities()) {
      behaviours.add(activity.getId() + ": " + activity.getActivityBehavior().getClass().getName());
      collect(activity, behaviours);
    }
  }

  /** Runs the model to its end and returns what the history says about it, without ids and times. */
  private static List<String> run(ProcessEngine processEngine) {
    ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey("Unmarked",
        Variables.createVariables().putValue("contactId", "c-unmarked"));
    executeJobs(processEngine, instance);
    processEngine.getTaskService().complete(processEngine.getTaskService().createTaskQuery()
        .processInstanceId(instance.getId()).singleResult().getId());

    List<String> history = new ArrayList<>();
    processEngine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .orderPartiallyByOccurrence().asc().list()
        .forEach(activity -> history.add(describe(activity)));
    processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .orderByVariableName().asc().list()
        .forEach(variable -> history.add("variable " + variable.getName() + "=" + variable.getValue()));
    processEngine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).list()
        .forEach(task -> history.add("task " + task.getName() + " " + task.getDeleteReason()));
    history.add("state " + processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(instance.getId()).singleResult().getState());
    return history;
  }

  private static void executeJobs(ProcessEngine processEngine, ProcessInstance instance) {
    List<Job> jobs;
    while (!(jobs = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .list()).isEmpty()) {
      processEngine.getManagementService().executeJob(jobs.get(0).getId());
    }
  }

  private static String describe(HistoricActivityInstance activity) {
    return activity.getActivityId() + " " + activity.getActivityType() + (activity.isCanceled() ? " canceled" : "")
        + (activity.isCompleteScope() ? " completes scope" : "");
  }
}
