package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.dndguard.contact.DndTarget;
import org.dndguard.test.DndAssertions;
import org.junit.jupiter.api.Test;

/**
 * Guarded steps where they sit in real models: in sub-processes and event sub-processes, as
 * multi-instance, with asynchronous continuations, with boundary events, with compensation.
 */
class GuardedScopesTest extends EngineScenarioTest {

  @Test
  @Deployment(resources = "org/dndguard/engine/SubProcessStep.bpmn")
  void aStepInASubProcessIsSkippedAndTheSubProcessCompletes() {
    String contact = newContact();
    setDnd(contact, DndTarget.SMS);

    ProcessInstance instance = start("SubProcessStep", contact);

    assertThat(instance).isWaitingAt("after").hasPassed("sub");
    assertThat(sent(instance)).isEmpty();
    DndAssertions.assertThat(instance).hasSkipped("sendSms");
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/EventSubProcessStep.bpmn")
  void aStepInAnEventSubProcessIsGuardedWhenTheEventComes() {
    String free = newContact();
    String blocked = newContact();
    setDnd(blocked, DndTarget.SMS);
    ProcessInstance reached = start("EventSubProcessStep", free);
    ProcessInstance skipped = start("EventSubProcessStep", blocked);

    processEngine().getRuntimeService().createMessageCorrelation("Reminder").processInstanceId(reached.getId())
        .correlate();
    processEngine().getRuntimeService().createMessageCorrelation("Reminder").processInstanceId(skipped.getId())
        .correlate();

    assertThat(sent(reached)).containsExactly("sendSms");
    assertThat(sent(skipped)).isEmpty();
    DndAssertions.assertThat(skipped).hasSkipped("sendSms");
    assertThat(skipped).isWaitingAt("work");
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/MultiInstanceStep.bpmn")
  void eachItemOfAMultiInstanceStepIsCheckedForItsOwnContact() {
    // given three contacts, the second of whom is in SMS DND
    String first = newContact();
    String second = newContact();
    String third = newContact();
    setDnd(second, DndTarget.SMS);

    // when one step texts each of them (the list is transient: it needs no serialisation)
    ProcessInstance instance = processEngine().getRuntimeService().startProcessInstanceByKey("MultiInstanceStep",
        Variables.createVariables().putValueTyped("contacts",
            Variables.objectValue(List.of(first, second, third), true).create()));

    // then the first and the third got the SMS, the second did not, and the token moved on
    assertThat(sent(instance)).containsExactlyInAnyOrder("textEachContact@" + first, "textEachContact@" + third);
    assertThat(skipRecords(instance)).singleElement().satisfies(record -> {
      assertThat(record.contactId()).isEqualTo(second);
      assertThat(record.activityId()).isEqualTo("textEachContact");
    });
    assertThat(instance).isWaitingAt("after");
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/AsyncStep.bpmn")
  void anAsynchronousStepIsCheckedWhenItsJobRunsAndLeavesThroughItsAsyncAfter() {
    String contact = newContact();
    ProcessInstance instance = start("AsyncStep", contact);
    assertThat(instance).isWaitingAt("sendSms");

    // the opt-out between the start and the job counts: DND is read when the step executes
    setDnd(contact, DndTarget.SMS);
    executeJob(instance);
    assertThat(instance).isWaitingAt("sendSms");
    executeJob(instance);

    assertThat(instance).isWaitingAt("after");
    assertThat(sent(instance)).isEmpty();
    DndAssertions.assertThat(instance).hasSkipped("sendSms");
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/AsyncStep.bpmn")
  void anAsynchronousStepWhoseChannelIsFreeSends() {
    ProcessInstance instance = start("AsyncStep", newContact());

    executeJob(instance);
    executeJob(instance);

    assertThat(instance).isWaitingAt("after");
    assertThat(sent(instance)).containsExactly("sendSms");
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/BoundaryOnStep.bpmn")
  void aSkippedStepTakesItsBoundaryEventsWithIt() {
    String contact = newContact();
    setDnd(contact, DndTarget.CALL);

    ProcessInstance instance = start("BoundaryOnStep", contact);

    assertThat(instance).isWaitingAt("after");
    assertThat(processEngine().getManagementService().createJobQuery().processInstanceId(instance.getId()).count())
        .as("the boundary timer of the skipped call").isZero();
    DndAssertions.assertThat(instance).hasSkipped("callContact");
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/BoundaryOnStep.bpmn")
  void aStepThatRunsKeepsItsBoundaryEvents() {
    ProcessInstance instance = start("BoundaryOnStep", newContact());

    assertThat(instance).isWaitingAt("callContact");
    assertThat(job(instance)).isNotNull();
    executeJob(instance);
    assertThat(instance).isWaitingAt("escalate");
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/CompensatedStep.bpmn")
  void aSkippedStepRegistersNoCompensationAndIsNotCompensated() {
    String contact = newContact();
    setDnd(contact, DndTarget.SMS);

    ProcessInstance instance = start("CompensatedStep", contact);
    assertThat(compensationSubscriptions(instance)).isZero();
    complete(task(instance));

    assertThat(instance).isEnded();
    assertThat(sent(instance)).isEmpty();
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/CompensatedStep.bpmn")
  void aStepThatRanIsCompensatedAsBefore() {
    ProcessInstance instance = start("CompensatedStep", newContact());
    assertThat(compensationSubscriptions(instance)).isEqualTo(1);
    complete(task(instance));

    assertThat(instance).isEnded();
    assertThat(sent(instance)).containsExactly("sendSms", "sendCorrectionSms");
  }

  private static long compensationSubscriptions(ProcessInstance instance) {
    return processEngine().getRuntimeService().createEventSubscriptionQuery().processInstanceId(instance.getId())
        .eventType("compensate").count();
  }
}
