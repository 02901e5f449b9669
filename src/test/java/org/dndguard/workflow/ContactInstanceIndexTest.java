package org.dndguard.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dndguard.workflow.WorkflowTestModels.newContactId;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The contact index follows every way an instance starts and ends, in the engine's transactions.
 */
@ReferenceAppContext
class ContactInstanceIndexTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired ContactInstanceIndex index;

  @BeforeEach
  void deployModels() {
    WorkflowTestModels.deploy(repositoryService);
  }

  @Test
  void anInstanceIsFoundByItsContactVariable() {
    String contactId = newContactId("by-variable");

    ProcessInstance instance = runtimeService.startProcessInstanceByKey("contact-waits", "business-key-ignored",
        Map.of("contactId", contactId));

    assertThat(index.instancesOf(contactId))
        .containsExactly(new IndexedInstance(instance.getId(), contactId, instance.getId(), null));
    assertThat(index.instancesOf("business-key-ignored")).isEmpty();
  }

  @Test
  void withoutTheVariableTheBusinessKeyIsTheContact() {
    String contactId = newContactId("by-business-key");

    ProcessInstance instance = runtimeService.startProcessInstanceByKey("contact-waits", contactId);

    assertThat(index.instancesOf(contactId)).extracting(IndexedInstance::processInstanceId)
        .containsExactly(instance.getId());
  }

  @Test
  void anInstanceWithoutContactIsNotIndexed() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("contact-waits");

    assertThat(index.find(instance.getId())).isEmpty();
  }

  @Test
  void aNumericContactVariableIsReadAsText() {
    long contactNumber = System.nanoTime();

    ProcessInstance instance = runtimeService.startProcessInstanceByKey("contact-waits", Map.of("contactId", contactNumber));

    assertThat(index.find(instance.getId())).map(IndexedInstance::contactId).contains(Long.toString(contactNumber));
  }

  @Test
  void aSubProcessInstanceOfACallActivityKnowsItsRootAndCaller() {
    String contactId = newContactId("call-activity");

    ProcessInstance parent = runtimeService.startProcessInstanceByKey("contact-calls-child", Map.of("contactId", contactId));
    ProcessInstance child = runtimeService.createProcessInstanceQuery().superProcessInstanceId(parent.getId()).singleResult();

    assertThat(index.instancesOf(contactId)).containsExactlyInAnyOrder(
        new IndexedInstance(parent.getId(), contactId, parent.getId(), null),
        new IndexedInstance(child.getId(), contactId, parent.getId(), parent.getId()));
  }

  @Test
  void anInstanceStartedByAMessageIsIndexed() {
    String contactId = newContactId("message-start");

    ProcessInstance instance = runtimeService.createMessageCorrelation("StartNurture")
        .setVariable("contactId", contactId)
        .correlateStartMessage();

    assertThat(index.instancesOf(contactId)).extracting(IndexedInstance::processInstanceId)
        .containsExactly(instance.getId());
  }

  @Test
  void anInstanceWithAnAsynchronousStartIsIndexedBeforeItsJobRuns() {
    String contactId = newContactId("async-start");

    ProcessInstance instance = runtimeService.startProcessInstanceByKey("contact-starts-async", Map.of("contactId", contactId));

    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).isOne();
    assertThat(index.instancesOf(contactId)).extracting(IndexedInstance::processInstanceId)
        .containsExactly(instance.getId());
  }

  @Test
  void aTimerStartedInstanceIsIndexedWhenItGetsItsContact() {
    Deployment deployment = WorkflowTestModels.deployOnDemand(repositoryService, "contact-starts-on-timer");
    try {
      String contactId = newContactId("timer-start");
      String definitionId = repositoryService.createProcessDefinitionQuery().deploymentId(deployment.getId())
          .singleResult().getId();
      Job timer = managementService.createJobQuery().processDefinitionId(definitionId).singleResult();

      managementService.executeJob(timer.getId());
      ProcessInstance instance = runtimeService.createProcessInstanceQuery().deploymentId(deployment.getId()).singleResult();
      assertThat(index.find(instance.getId())).isEmpty();

      String pickContact = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
      taskService.complete(pickContact, Map.of("contactId", contactId));

      assertThat(index.instancesOf(contactId)).extracting(IndexedInstance::processInstanceId)
          .containsExactly(instance.getId());
    } finally {
      repositoryService.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void aChangedContactVariableMovesTheInstanceToTheNewContact() {
    String before = newContactId("before");
    String after = newContactId("after");
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("contact-waits", Map.of("contactId", before));

    runtimeService.setVariable(instance.getId(), "contactId", after);

    assertThat(index.instancesOf(before)).isEmpty();
    assertThat(index.instancesOf(after)).extracting(IndexedInstance::processInstanceId).containsExactly(instance.getId());
  }

  @Test
  void aChangedBusinessKeyMovesAnInstanceWithoutContactVariable() {
    String before = newContactId("key-before");
    String after = newContactId("key-after");
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("contact-changes-business-key", before);

    taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId(),
        Map.of("newBusinessKey", after));

    assertThat(index.instancesOf(before)).isEmpty();
    assertThat(index.instancesOf(after)).extracting(IndexedInstance::processInstanceId).containsExactly(instance.getId());
  }

  @Test
  void aTransientContactVariableStillIndexesTheInstance() {
    String contactId = newContactId("transient");

    ProcessInstance instance = runtimeService.startProcessInstanceByKey("contact-waits",
        Variables.createVariables().putValueTyped("contactId", Variables.stringValue(contactId, true)));

    assertThat(index.instancesOf(contactId)).extracting(IndexedInstance::processInstanceId)
        .containsExactly(instance.getId());
  }

  @Test
  void aCompletedInstanceLeavesTheIndex() {
    String contactId = newContactId("completes");
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("contact-waits", Map.of("contactId", contactId));

    taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());

    assertThat(index.instancesOf(contactId)).isEmpty();
  }

  @Test
  void aDeletedInstanceLeavesTheIndexWithItsSubProcessInstances() {
    String contactId = newContactId("deleted");
    ProcessInstance parent = runtimeService.startProcessInstanceByKey("contact-calls-child", Map.of("contactId", contactId));

    runtimeService.deleteProcessInstance(parent.getId(), "test", true);

    assertThat(index.instancesOf(contactId)).isEmpty();
  }

  @Test
  void anInstanceThatEndsAtOnceLeavesNoRow() {
    String contactId = newContactId("instant");

    ProcessInstance instance = runtimeService.createProcessInstanceByKey("contact-waits")
        .setVariable("contactId", contactId)
        .startAfterActivity("wait")
        .execute();

    assertThat(instance.isEnded()).isTrue();
    assertThat(index.instancesOf(contactId)).isEmpty();
  }

  @Test
  void aStartThatFailsLeavesNoRow() {
    String contactId = newContactId("rolled-back");

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("contact-start-fails",
        Map.of("contactId", contactId))).hasMessageContaining("failingBeanThatDoesNotExist");

    assertThat(index.instancesOf(contactId)).isEmpty();
  }

  @Test
  void instancesOfAnotherContactAreNotReturned() {
    String mine = newContactId("mine");
    String theirs = newContactId("theirs");
    runtimeService.startProcessInstanceByKey("contact-waits", Map.of("contactId", theirs));

    List<IndexedInstance> found = index.instancesOf(mine);

    assertThat(found).isEmpty();
  }
}
