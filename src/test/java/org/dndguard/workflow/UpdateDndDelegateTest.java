package org.dndguard.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.Source;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The "DND Contact" action, {@code ${updateDnd}}, in the model {@code update-dnd}. */
@ReferenceAppContext
class UpdateDndDelegateTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;
  @Autowired DndService dndService;
  @Autowired ContactService contacts;
  @Autowired AuditTrail auditTrail;

  String contactId;
  String phone;

  @BeforeEach
  void engineAndContact() {
    BpmnAwareTests.init(processEngine);
    WorkflowTestModels.deploy(repositoryService);
    contactId = WorkflowTestModels.newContactId("update-dnd");
    phone = WorkflowTestModels.randomUsPhone();
    contacts.register(contactId, new ContactAddresses(phone, null, null, null, null), user());
  }

  @Test
  void turnsDndOnForTheChannelsAsTheWorkflow() {
    ProcessInstance instance = updateDnd(Map.of("channelsToChange", "SMS, email", "onOrOff", "on",
        "note", "asked in chat to stop texts and mails"));

    assertThat(instance).isWaitingAt("updated").variables().containsEntry("statusAfterUpdate", "PARTIAL");
    DndRecord record = dndService.record(contactId);
    assertThat(record.entry(DndTarget.SMS, DndReason.MANUAL)).isPresent();
    assertThat(record.entry(DndTarget.EMAIL, DndReason.MANUAL)).isPresent();
    assertThat(changes(AuditAction.SET)).hasSize(2).allSatisfy(row -> {
      assertThat(row.evidence().source()).isEqualTo(Source.WORKFLOW);
      assertThat(row.evidence().actor()).isEqualTo(instance.getId());
      assertThat(row.evidence().note()).isEqualTo("asked in chat to stop texts and mails");
    });
  }

  @Test
  void takesAListOfChannels() {
    ProcessInstance instance = updateDnd(Map.of("channelsToChange", List.of("WHATSAPP", "gmb"), "onOrOff", true));

    assertThat(instance).isWaitingAt("updated");
    assertThat(dndService.record(contactId).entries()).extracting(e -> e.target())
        .containsExactly(DndTarget.WHATSAPP, DndTarget.GMB);
  }

  @Test
  void allTurnsDndOnForEveryChannel() {
    ProcessInstance instance = updateDnd(Map.of("channelsToChange", "ALL", "onOrOff", "on"));

    assertThat(dndService.record(contactId).isActive(DndTarget.ALL)).isTrue();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("statusAfterUpdate").singleResult().getValue()).isEqualTo("ON");
  }

  @Test
  void inboundDndForCallsAndTexts() {
    updateDnd(Map.of("channelsToChange", "ALL", "onOrOff", "on", "direction", "inbound"));

    DndRecord record = dndService.record(contactId);
    assertThat(record.entries()).extracting(e -> e.target()).containsExactly(DndTarget.INBOUND_CALL, DndTarget.INBOUND_SMS);
    assertThat(record.status().name()).isEqualTo("OFF");
  }

  @Test
  void turnsDndOffForTheChannels() {
    dndService.set(contactId, DndTarget.SMS, user());
    dndService.set(contactId, DndTarget.EMAIL, user());
    dndService.set(contactId, DndTarget.CALL, user());

    ProcessInstance instance = updateDnd(Map.of("channelsToChange", "SMS,EMAIL", "onOrOff", "off"));

    assertThat(instance).isWaitingAt("updated").variables().containsEntry("statusAfterUpdate", "PARTIAL");
    assertThat(dndService.record(contactId).entries()).extracting(e -> e.target()).containsExactly(DndTarget.CALL);
    assertThat(changes(AuditAction.CLEARED)).hasSize(2)
        .allSatisfy(row -> assertThat(row.evidence().source()).isEqualTo(Source.WORKFLOW));
  }

  @Test
  void aRefusedClearFailsTheStepWithTheRulesMessageAndClearsNothing() {
    dndService.set(contactId, DndTarget.EMAIL, user());
    contactTextsStop();

    assertThatThrownBy(() -> updateDnd(Map.of("channelsToChange", "EMAIL, SMS", "onOrOff", "off")))
        .isInstanceOf(DndChangeRefusedException.class)
        .hasMessageStartingWith("SMS DND for contact " + contactId + " was set by the opt-out keyword STOP on ")
        .hasMessageEndingWith("only the contact can lift it, by texting START");

    assertThat(dndService.record(contactId).isActive(DndTarget.EMAIL)).as("all or nothing").isTrue();
    // the step's transaction rolled back; the refusal is written again once its connection is released
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(changes(AuditAction.REFUSED)).singleElement()
            .satisfies(row -> assertThat(row.evidence().source()).isEqualTo(Source.WORKFLOW)));
    assertThat(changes(AuditAction.CLEARED)).isEmpty();
  }

  @Test
  void aRefusedClearIsRoutedWhenTheDesignerAskedForIt() {
    dndService.set(contactId, DndTarget.EMAIL, user());
    contactTextsStop();

    ProcessInstance instance = updateDnd(Map.of("channelsToChange", "EMAIL, SMS", "onOrOff", "off",
        "onRefused", "error"));

    assertThat(instance).isWaitingAt("refusalRouted").variables()
        .containsEntry("statusAfterUpdate", "PARTIAL")
        .hasEntrySatisfying("refusal",
            refusal -> assertThat(refusal.toString()).contains("was set by the opt-out keyword STOP"));
    assertThat(dndService.record(contactId).isActive(DndTarget.EMAIL)).isTrue();
    assertThat(changes(AuditAction.REFUSED)).hasSize(1);
  }

  @Test
  void badInputFailsTheStepNamingItAndChangesNothing() {
    assertThatThrownBy(() -> updateDnd(Map.of("channelsToChange", "FAX", "onOrOff", "on")))
        .isInstanceOf(InvalidDndInputException.class)
        .hasMessageStartingWith("DND Contact step 'updateDnd' of process instance ")
        .hasMessageEndingWith("Unknown channel 'FAX'; valid channels are CALL, EMAIL, SMS, WHATSAPP, FACEBOOK, GMB and ALL");
    assertThatThrownBy(() -> updateDnd(Map.of("channelsToChange", "SMS")))
        .hasMessageEndingWith("the input parameter 'dnd' is missing; set it to on or off");
    assertThatThrownBy(() -> updateDnd(Map.of("channelsToChange", "SMS", "onOrOff", "maybe")))
        .hasMessageEndingWith("the input parameter 'dnd' is 'maybe'; set it to on or off");
    assertThatThrownBy(() -> updateDnd(Map.of("onOrOff", "on")))
        .hasMessageContaining("the input parameter 'channels' is missing or empty");
    assertThatThrownBy(() -> updateDnd(Map.of("channelsToChange", "EMAIL", "onOrOff", "on", "direction", "inbound")))
        .hasMessageEndingWith("Unknown inbound channel 'EMAIL'; inbound DND exists for CALL and SMS only");
    assertThatThrownBy(() -> updateDnd(Map.of("channelsToChange", "SMS", "onOrOff", "off", "onRefused", "ignore")))
        .hasMessageEndingWith("the input parameter 'onRefused' is 'ignore'; set it to fail or error");

    assertThat(dndService.record(contactId).entries()).isEmpty();
  }

  @Test
  void anUnregisteredContactFailsTheStep() {
    Map<String, Object> variables = new HashMap<>(Map.of("channelsToChange", "SMS", "onOrOff", "on"));
    variables.put("contactId", "never-registered-" + contactId);

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("update-dnd", variables))
        .isInstanceOf(ContactNotFoundException.class)
        .hasMessageContaining("register it first");
  }

  private ProcessInstance updateDnd(Map<String, Object> parameters) {
    Map<String, Object> variables = new HashMap<>(parameters);
    variables.put("contactId", contactId);
    return runtimeService.startProcessInstanceByKey("update-dnd", variables);
  }

  private void contactTextsStop() {
    Evidence stop = Evidence.providerEvent(Source.TWILIO, "SM-" + contactId, Instant.now()).keyword("STOP").build();
    dndService.applyToAddress(AddressKind.PHONE, phone, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, stop));
  }

  private List<AuditRecord> changes(AuditAction action) {
    return auditTrail.inOrder(contactId).stream()
        .filter(row -> row.action() == action && row.evidence().source() == Source.WORKFLOW).toList();
  }

  private static Evidence user() {
    return Evidence.user("test", Instant.now());
  }
}
