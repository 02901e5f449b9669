package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.test.DndAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of element DND Guard guards, blocked and not blocked. Each model is
 * start → step (marked) → the next wait state; a skip is proven by DND Guard's skip record and by
 * the step's work not having run, never by the engine's history, which shows a skipped step as
 * passed.
 */
@Deployment(resources = {
    "org/dndguard/engine/elements/serviceTask.bpmn",
    "org/dndguard/engine/elements/sendTask.bpmn",
    "org/dndguard/engine/elements/scriptTask.bpmn",
    "org/dndguard/engine/elements/businessRuleTask.bpmn",
    "org/dndguard/engine/elements/userTask.bpmn",
    "org/dndguard/engine/elements/messageThrowEvent.bpmn",
    "org/dndguard/engine/elements/messageEndEvent.bpmn"})
class GuardedElementTypesTest extends EngineScenarioTest {

  @ParameterizedTest
  @ValueSource(strings = {"serviceTask", "sendTask", "scriptTask", "businessRuleTask", "messageThrowEvent",
      "messageEndEvent", "userTask"})
  void aStepWhoseChannelIsFreeRunsAsWithoutDndGuard(String processKey) {
    // given
    String contact = newContact();

    // when
    ProcessInstance instance = start(processKey, contact);

    // then
    if (processKey.equals("userTask")) {
      assertThat(instance).isWaitingAt("step");
      assertThat(instance).task().hasName("Call the contact");
    } else {
      assertThat(sent(instance)).containsExactly("step");
      assertNextWaitState(processKey, instance);
    }
    assertThat(skipRecords(instance)).isEmpty();
    DndAssertions.assertThat(instance).hasNotSkipped("step").hasNoSkipRecords();
  }

  @ParameterizedTest
  @ValueSource(strings = {"serviceTask", "sendTask", "scriptTask", "businessRuleTask", "messageThrowEvent",
      "messageEndEvent", "userTask"})
  void aStepWhoseChannelIsInDndIsSkippedAndTheContactStaysInTheWorkflow(String processKey) {
    // given
    String contact = newContact();
    Channel channel = processKey.equals("userTask") ? Channel.CALL : Channel.SMS;
    setDnd(contact, DndTarget.of(channel));

    // when
    ProcessInstance instance = start(processKey, contact);

    // then the work did not run, and the token moved on
    assertThat(sent(instance)).isEmpty();
    assertThat(processEngine().getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("step").count()).isZero();
    assertNextWaitState(processKey, instance);
    DndAssertions.assertThat(instance).hasSkipped("step").hasNotRouted("step");
    assertThat(skipRecords(instance)).singleElement().satisfies(record -> {
      assertThat(record.activityId()).isEqualTo("step");
      assertThat(record.channel()).isEqualTo(channel);
      assertThat(record.contactId()).isEqualTo(contact);
      assertThat(record.outcome()).isEqualTo(StepOutcome.SKIPPED);
      assertThat(record.blockedBy()).isEqualTo(DndTarget.of(channel));
      assertThat(record.reason()).isEqualTo(DndReason.MANUAL);
      assertThat(record.activityInstanceId()).startsWith("step:");
      assertThat(record.detail()).contains(channel + " is in DND for contact " + contact);
    });
  }

  private static void assertNextWaitState(String processKey, ProcessInstance instance) {
    if (processKey.equals("messageEndEvent")) {
      assertThat(instance).isEnded();
    } else {
      assertThat(instance).isWaitingAt("after");
    }
  }
}
