package org.dndguard.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dndguard.app.DndGuardApplication;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndChangedEvent;
import org.dndguard.store.DndService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The "Contact DND" trigger on the reference application, whose sample model
 * {@code bpmn/dnd-changed-review.bpmn} starts on every change; the automatic removal policy is off.
 */
@SpringBootTest(classes = DndGuardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DndChangedTriggerTest {

  private static final String SAMPLE = "dnd-changed-review";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;
  @Autowired TaskService taskService;
  @Autowired DndService dndService;
  @Autowired ContactService contacts;
  @Autowired WorkflowRemoval removal;
  @Autowired DndChangedTrigger trigger;

  String contactId;
  String phone;

  @BeforeEach
  void engineAndContact() {
    BpmnAwareTests.init(processEngine);
    WorkflowTestModels.deploy(repositoryService);
    contactId = WorkflowTestModels.newContactId("dnd-changed");
    phone = WorkflowTestModels.randomUsPhone();
    contacts.register(contactId, new ContactAddresses(phone, null, null, null, null), user());
  }

  @Test
  void dndOnEveryChannelStartsTheSampleWhichRemovesTheContactAndAsksForAReview() {
    // given
    ProcessInstance campaign = start("contact-waits");

    // when
    dndService.set(contactId, DndTarget.ALL, user());

    // then
    ProcessInstance review = sampleOf(contactId);
    assertThat(review).isWaitingAt("reviewContact").variables()
        .containsEntry("contactId", contactId)
        .containsEntry("channel", "ALL")
        .containsEntry("active", true)
        .containsEntry("reason", "MANUAL")
        .containsEntry("status", "ON");
    assertThat(task(review)).hasCandidateGroup("camunda-admin");
    assertThat(task(review).getDescription()).startsWith("Contact " + contactId + " is in DND on every channel");
    assertThat(campaign).isEnded();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(campaign.getId()).singleResult()
        .getDeleteReason()).isEqualTo("DND Guard: contact " + contactId
            + " is in DND on every channel (ALL changed, reason MANUAL)");
  }

  @Test
  void dndOnOneChannelStartsTheSampleWhichEndsAtOnce() {
    ProcessInstance campaign = start("contact-waits");

    dndService.set(contactId, DndTarget.SMS, user());

    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(SAMPLE)
        .processInstanceBusinessKey(contactId).singleResult().getEndActivityId()).isEqualTo("nothingToReview");
    assertThat(campaign).isWaitingAt("wait");
  }

  @Test
  void wakesTheContactsInstanceWaitingForDndChangedAndNoOneElses() {
    ProcessInstance waiting = start("contact-waits-for-dnd-changed");
    ProcessInstance someoneElses = runtimeService.startProcessInstanceByKey("contact-waits-for-dnd-changed",
        Map.of("contactId", WorkflowTestModels.newContactId("someone-else")));

    contactTextsStop();

    assertThat(waiting).isWaitingAt("afterDndChange").variables()
        .containsEntry("contactId", contactId)
        .containsEntry("channel", "SMS")
        .containsEntry("active", true)
        .containsEntry("reason", "SMS_OPT_OUT")
        .containsEntry("status", "PARTIAL");
    assertThat(someoneElses).isWaitingAt("waitForDndChange");
  }

  @Test
  void aClearIsCorrelatedTooWithActiveFalse() {
    dndService.set(contactId, DndTarget.EMAIL, user());
    ProcessInstance waiting = start("contact-waits-for-dnd-changed");

    dndService.clear(contactId, DndTarget.EMAIL, user());

    assertThat(waiting).isWaitingAt("afterDndChange").variables()
        .containsEntry("channel", "EMAIL")
        .containsEntry("active", false)
        .containsEntry("status", "OFF");
  }

  @Test
  void withThePolicyOffAStopThatLeavesEveryChannelBlockedRemovesNothing() {
    // the sample would remove the contact itself; this test is about the policy alone
    repositoryService.suspendProcessDefinitionByKey(SAMPLE);
    try {
      for (DndTarget channel : List.of(DndTarget.CALL, DndTarget.EMAIL, DndTarget.WHATSAPP, DndTarget.FACEBOOK,
          DndTarget.GMB)) {
        dndService.set(contactId, channel, user());
      }
      ProcessInstance campaign = start("contact-waits");

      contactTextsStop();

      assertThat(dndService.record(contactId).status()).isEqualTo(DndStatus.ON);
      assertThat(campaign).isWaitingAt("wait");
    } finally {
      repositoryService.activateProcessDefinitionByKey(SAMPLE);
    }
  }

  @Test
  void withTheMessageTurnedOffNothingIsCorrelated() {
    ProcessInstance waiting = start("contact-waits-for-dnd-changed");
    DndChangedListener quiet = new DndChangedListener(removal, trigger, false, false);

    quiet.onDndChanged(new DndChangedEvent(contactId, DndTarget.SMS, true, DndReason.MANUAL, DndStatus.PARTIAL,
        user()));

    assertThat(waiting).isWaitingAt("waitForDndChange");
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(SAMPLE)
        .processInstanceBusinessKey(contactId).count()).isZero();
  }

  @Test
  void theTriggerSaysWhatItWokeAndStarted() {
    start("contact-waits-for-dnd-changed");
    start("contact-waits");

    DndChangedTrigger.Outcome outcome = trigger.correlate(new DndChangedEvent(contactId, DndTarget.SMS, true,
        DndReason.MANUAL, DndStatus.PARTIAL, user()));

    assertThat(outcome).isEqualTo(new DndChangedTrigger.Outcome(1, 1));
  }

  private ProcessInstance start(String processKey) {
    return runtimeService.startProcessInstanceByKey(processKey, Map.of("contactId", contactId));
  }

  private ProcessInstance sampleOf(String contact) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(SAMPLE)
        .processInstanceBusinessKey(contact).singleResult();
  }

  private void contactTextsStop() {
    Evidence stop = new Evidence(Source.TWILIO, null, "SM-" + contactId, null, null, "STOP", null, Instant.now());
    dndService.applyToAddress(AddressKind.PHONE, phone, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, stop));
  }

  private static Evidence user() {
    return Evidence.user("test", null, Instant.now());
  }
}
