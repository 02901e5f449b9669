package org.dndguard.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dndguard.contact.Source;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code ${removeFromAllWorkflows}} in a service task: the contact leaves every other workflow. */
@ReferenceAppContext
class RemoveFromAllWorkflowsDelegateTest {

  private static final String REASON = "the contact asked to hear from us no more";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;
  @Autowired AuditTrail auditTrail;
  @Autowired ContactService contacts;

  String contactId;

  @BeforeEach
  void engineAndContact() {
    BpmnAwareTests.init(processEngine);
    WorkflowTestModels.deploy(repositoryService);
    contactId = WorkflowTestModels.registerContact(contacts, "remover");
  }

  @Test
  void theContactsOtherWorkflowsEndAndTheCallingProcessGoesOn() {
    // given
    ProcessInstance waits = start("contact-waits");
    ProcessInstance callsChild = start("contact-calls-child");

    // when
    ProcessInstance remover = start("contact-removes-from-other-workflows");

    // then
    assertThat(remover).isWaitingAt("goesOn");
    assertThat(waits).isEnded();
    assertThat(callsChild).isEnded();
    assertThat(historyService.createHistoricProcessInstanceQuery()
        .processInstanceIds(Set.of(waits.getId(), callsChild.getId())).list())
        .extracting(HistoricProcessInstance::getDeleteReason).containsOnly(REASON);
    assertThat(removals()).hasSize(2).allSatisfy(row -> {
      assertThat(row.evidence().source()).isEqualTo(Source.WORKFLOW);
      assertThat(row.evidence().actor()).isEqualTo(remover.getId());
      assertThat(row.evidence().note()).isEqualTo(REASON);
    });
  }

  @Test
  void theCallersOwnCallHierarchyIsKept() {
    ProcessInstance other = start("contact-waits");

    ProcessInstance caller = start("contact-calls-remover");
    ProcessInstance remover = runtimeService.createProcessInstanceQuery().superProcessInstanceId(caller.getId())
        .singleResult();

    assertThat(caller).isWaitingAt("callRemover");
    assertThat(remover).isWaitingAt("goesOn");
    assertThat(other).isEnded();
    assertThat(removals()).singleElement().extracting(AuditRecord::message).asString().contains(other.getId());
  }

  @Test
  void withNothingElseToRemoveTheProcessSimplyGoesOn() {
    ProcessInstance remover = start("contact-removes-from-other-workflows");

    assertThat(remover).isWaitingAt("goesOn");
    assertThat(removals()).isEmpty();
  }

  @Test
  void aWorkflowWithoutContactFailsTheStepAndSaysHowToGiveItOne() {
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("contact-removes-from-other-workflows"))
        .hasMessageContaining("has no contact")
        .hasMessageContaining("set the process variable 'contactId'");
  }

  private ProcessInstance start(String processKey) {
    return runtimeService.startProcessInstanceByKey(processKey, Map.of("contactId", contactId));
  }

  private List<AuditRecord> removals() {
    return auditTrail.inOrder(contactId).stream().filter(r -> r.action() == AuditAction.WORKFLOW_REMOVAL).toList();
  }
}
