package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.dndguard.contact.DndTarget;
import org.dndguard.test.DndAssertions;
import org.junit.jupiter.api.Test;

/** {@code dnd.onBlocked=error}: DND_BLOCKED goes to its catcher, and the routing is recorded. */
class ErrorRoutingTest extends EngineScenarioTest {

  @Test
  void theChannelFallbackSampleSendsByEmailWhenSmsIsInDnd() {
    // given
    deploySample("channel-fallback.bpmn");
    String contact = newContact();
    setDnd(contact, DndTarget.SMS);

    // when
    ProcessInstance reminder = start("channel-fallback", contact);

    // then the SMS step threw DND_BLOCKED to its boundary event, and the e-mail went out
    assertThat(reminder).isEnded().hasPassed("smsInDnd", "sendReminderEmail", "remindedByEmail")
        .hasNotPassed("remindedBySms");
    assertThat(sent(reminder)).containsExactly("sendReminderEmail");
    DndAssertions.assertThat(reminder).hasRouted("sendReminderSms").hasNotSkipped("sendReminderSms")
        .hasNotRouted("sendReminderEmail");
    assertThat(skipRecords(reminder)).singleElement()
        .satisfies(record -> assertThat(record.outcome()).isEqualTo(StepOutcome.ROUTED));
    assertThat(processEngine().getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(reminder.getId()).variableName("dndBlockedReason").singleResult().getValue())
        .asString().contains("SMS is in DND for contact " + contact);
  }

  @Test
  void theChannelFallbackSampleSendsTheSmsWhenSmsIsFree() {
    deploySample("channel-fallback.bpmn");

    ProcessInstance reminder = start("channel-fallback", newContact());

    assertThat(reminder).isEnded().hasPassed("remindedBySms").hasNotPassed("sendReminderEmail");
    assertThat(sent(reminder)).containsExactly("sendReminderSms");
    DndAssertions.assertThat(reminder).hasNoSkipRecords();
  }

  @Test
  void theFallbackIsGuardedToo() {
    deploySample("channel-fallback.bpmn");
    String contact = newContact();
    setDnd(contact, DndTarget.ALL);

    ProcessInstance reminder = start("channel-fallback", contact);

    assertThat(reminder).isEnded().hasPassed("remindedByEmail");
    assertThat(sent(reminder)).isEmpty();
    DndAssertions.assertThat(reminder).hasRouted("sendReminderSms").hasSkipped("sendReminderEmail");
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/RoutedToEventSubProcess.bpmn")
  void anErrorEventSubProcessCatchesDndBlocked() {
    String contact = newContact();
    setDnd(contact, DndTarget.SMS);

    ProcessInstance instance = start("RoutedToEventSubProcess", contact);

    assertThat(instance).isEnded().hasPassed("smsBlocked", "sendEmail").hasNotPassed("end");
    assertThat(sent(instance)).containsExactly("sendEmail");
    DndAssertions.assertThat(instance).hasRouted("sendSms");
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/RoutedOutOfSubProcess.bpmn")
  void aCatchAllBoundaryEventOnTheEnclosingSubProcessCatchesDndBlockedFromAnyItem() {
    // given a sequential multi-instance step: the first contact is free, the second in DND
    String free = newContact();
    String blocked = newContact();
    setDnd(blocked, DndTarget.SMS);

    // when
    ProcessInstance instance = processEngine().getRuntimeService().startProcessInstanceByKey("RoutedOutOfSubProcess",
        Variables.createVariables().putValueTyped("contacts", Variables.objectValue(List.of(free, blocked), true)
            .create()));

    // then the first got the SMS, the second's item routed the instance out of the sub-process
    assertThat(sent(instance)).containsExactly("textEachContact@" + free);
    assertThat(instance).isWaitingAt("handled");
    assertThat(skipRecords(instance)).singleElement().satisfies(record -> {
      assertThat(record.contactId()).isEqualTo(blocked);
      assertThat(record.outcome()).isEqualTo(StepOutcome.ROUTED);
    });
  }
}
