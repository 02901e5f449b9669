package org.dndguard.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.workflow.WorkflowTestModels.newContactId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.OwnEngineContext;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The workflow actions on PostgreSQL, the production database, with the automatic removal policy
 * on. One context for all of it: its database is its own, and no model subscribes to DndChanged.
 */
@OwnEngineContext(value = WorkflowsOnPostgresTest.PostgresApplication.class, properties = {
    "dnd.workflows.remove-when-fully-blocked=true",
    "spring.flyway.enabled=false"})
// closed after the class, while the embedded PostgreSQL still runs: closing the engine writes to it
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WorkflowsOnPostgresTest {

  private static final String REASON = "DND on all channels";

  /** The engine and DND Guard only: no web server, so no REST API either. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration(excludeName = "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration")
  static class PostgresApplication {
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestDatabases.usePostgres(registry);
  }

  @Autowired
  org.dndguard.engine.DeliveryQueue deliveries;

  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired WorkflowRemoval removal;
  @Autowired ContactInstanceIndex index;
  @Autowired AuditTrail auditTrail;
  @Autowired ContactService contacts;
  @Autowired DndService dndService;

  String contactId;

  @BeforeEach
  void contactWithModels() {
    WorkflowTestModels.deploy(repositoryService);
    contactId = WorkflowTestModels.registerContact(contacts, "pg");
  }

  @Test
  void aContactIsRemovedFromThreeProcessesWhileAThousandInstancesOfOtherContactsRunOn() {
    // given
    ProcessInstance waits = start("contact-waits");
    ProcessInstance nurture = runtimeService.createMessageCorrelation("StartNurture")
        .setVariable("contactId", contactId).correlateStartMessage();
    ProcessInstance callsChild = start("contact-calls-child");
    String child = runtimeService.createProcessInstanceQuery().superProcessInstanceId(callsChild.getId())
        .singleResult().getId();
    String others = newContactId("other");
    ProcessInstance campaign = startCampaignForOtherContacts(others, 1000);

    // when
    WorkflowRemovalResult result = removal.removeFromAllWorkflows(contactId, REASON, evidence());

    // then
    assertThat(result.removedProcessInstanceIds())
        .containsExactlyInAnyOrder(waits.getId(), nurture.getId(), callsChild.getId());
    assertThat(runtimeService.createProcessInstanceQuery()
        .processInstanceIds(Set.of(waits.getId(), nurture.getId(), callsChild.getId(), child)).count()).isZero();
    assertThat(index.instancesOf(contactId)).isEmpty();
    assertThat(removals()).hasSize(3);

    List<ProcessInstance> othersRunning = runtimeService.createProcessInstanceQuery()
        .superProcessInstanceId(campaign.getId()).list();
    assertThat(othersRunning).hasSize(1000);
    assertThat(index.instancesOf(others + "-0")).extracting(IndexedInstance::rootProcessInstanceId)
        .containsExactly(campaign.getId());
    assertThat(index.instancesOf(others + "-999")).hasSize(1);
  }

  @Test
  void twoThreadsRemovingAtOnceEndEachInstanceOnce() throws Exception {
    RemovalRace.Outcome race = RemovalRace.run(runtimeService, removal, contactId, REASON);

    assertThat(race.removed()).containsExactlyInAnyOrderElementsOf(race.started());
    assertThat(removals()).hasSize(12);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceIds(Set.copyOf(race.started())).count())
        .isZero();
  }

  @Test
  void withThePolicyOnAStopForAContactWhoseOtherChannelsAreInDndRemovesItFromAllWorkflows() {
    // given: a contact with a phone, in DND on every channel but SMS, in two workflows
    String phone = "+1 415 555 " + String.format("%04d", (int) (Math.random() * 10000));
    contacts.register(contactId, new ContactAddresses(phone, null, null, null, null), userEvidence());
    for (DndTarget channel : List.of(DndTarget.CALL, DndTarget.EMAIL, DndTarget.WHATSAPP, DndTarget.FACEBOOK,
        DndTarget.GMB)) {
      dndService.set(contactId, channel, userEvidence());
    }
    ProcessInstance waits = start("contact-waits");
    ProcessInstance callsChild = start("contact-calls-child");
    assertThat(dndService.record(contactId).status()).isEqualTo(DndStatus.PARTIAL);
    assertThat(removals()).as("changes that leave a channel free remove nothing").isEmpty();

    // when: the contact texts STOP
    Evidence stop = Evidence.providerEvent(Source.TWILIO, "SM-" + contactId, Instant.now()).keyword("STOP").build();
    dndService.applyToAddress(AddressKind.PHONE, phone, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, stop));
    deliveries.deliverPending();

    // then
    assertThat(runtimeService.createProcessInstanceQuery()
        .processInstanceIds(Set.of(waits.getId(), callsChild.getId())).count()).isZero();
    assertThat(index.instancesOf(contactId)).isEmpty();
    assertThat(removals()).hasSize(2).allSatisfy(row -> {
      assertThat(row.evidence().source()).isEqualTo(Source.TWILIO);
      assertThat(row.evidence().keyword()).isEqualTo("STOP");
      assertThat(row.message()).contains("is in DND on every channel", "dnd.workflows.remove-when-fully-blocked");
    });
  }

  @Test
  void aChangeStandsWhenNoProcessSubscribesToDndChanged() {
    assertThat(repositoryService.createProcessDefinitionQuery().messageEventSubscriptionName("DndChanged").count())
        .isZero();

    dndService.set(contactId, DndTarget.SMS, userEvidence());

    assertThat(dndService.record(contactId).isActive(DndTarget.SMS)).isTrue();
    assertThat(auditTrail.inOrder(contactId)).extracting(AuditRecord::action).contains(AuditAction.SET);
  }

  @Test
  void aFailingSubscriberNeitherUndoesTheChangeNorKeepsTheMessageFromWaitingInstances() {
    Deployment failing = WorkflowTestModels.deployOnDemand(repositoryService, "dnd-changed-start-fails");
    try {
      ProcessInstance waiting = start("contact-waits-for-dnd-changed");

      long failedBefore = deliveries.failed();
      dndService.set(contactId, DndTarget.EMAIL, userEvidence());
      deliveries.deliverPending();

      assertThat(dndService.record(contactId).isActive(DndTarget.EMAIL)).isTrue();
      assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("dnd-changed-start-fails").count())
          .as("its start rolled back").isZero();
      // earlier tests' undelivered changes start it too, now that it is deployed
      assertThat(deliveries.failed()).as("the failing start is an incident").isGreaterThan(failedBefore);
      assertThat(runtimeService.createExecutionQuery().processInstanceId(waiting.getId())
          .activityId("afterDndChange").count()).isOne();
    } finally {
      repositoryService.deleteDeployment(failing.getId(), true);
    }
  }

  private ProcessInstance start(String processKey) {
    return runtimeService.startProcessInstanceByKey(processKey, Map.of("contactId", contactId));
  }

  /**
   * A campaign that calls a cheap workflow (it only waits for a message) for each of the other
   * contacts, all in one command: a thousand separate starts would make the test slow, not more
   * honest.
   */
  private ProcessInstance startCampaignForOtherContacts(String prefix, int count) {
    List<String> contactIds = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      contactIds.add(prefix + "-" + i);
    }
    return runtimeService.startProcessInstanceByKey("contact-campaign-waits-for-replies",
        Map.of("contacts", contactIds));
  }

  private List<AuditRecord> removals() {
    return auditTrail.inOrder(contactId).stream().filter(r -> r.action() == AuditAction.WORKFLOW_REMOVAL)
        .collect(Collectors.toList());
  }

  private static Evidence evidence() {
    return Evidence.user("test", Instant.now());
  }

  private static Evidence userEvidence() {
    return Evidence.user("test", Instant.now());
  }
}
