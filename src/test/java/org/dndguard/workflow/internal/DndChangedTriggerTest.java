package org.dndguard.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.engine.DeliveryQueue;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndChangedEvent;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.dndguard.workflow.WorkflowRemoval;
import org.dndguard.workflow.WorkflowTestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "Contact DND" trigger on the reference application, whose sample model
 * {@code bpmn/dnd-changed-review.bpmn} starts on every change; the automatic removal policy is off.
 */
@ReferenceAppContext
class DndChangedTriggerTest {

  /** The job handler type of DND Guard's deliveries, as the job log names it. */
  private static final String DELIVERY_JOB = "dnd-guard-delivery";

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
  @Autowired DeliveryQueue deliveries;
  @Autowired ManagementService managementService;
  @Autowired PlatformTransactionManager transactions;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

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
    deliveries.deliverPending();

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
    deliveries.deliverPending();

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
  void aSuspendedInstanceGetsTheChangeWhenItIsActivatedNotAnIncidentMeanwhile() {
    // given: the contact's instance waits for DndChanged, suspended by an operator; the sample is off,
    // so the instance is the change's only target and would be woken in the change's own job
    ProcessInstance paused = start("contact-waits-for-dnd-changed");
    runtimeService.suspendProcessInstanceById(paused.getId());
    repositoryService.suspendProcessDefinitionByKey(SAMPLE);
    try {
      long failedBefore = deliveries.failed();

      // when
      dndService.set(contactId, DndTarget.SMS, user());
      deliveries.deliverPending();

      // then: the wake waits with the instance, no attempt spent and no incident
      assertThat(paused).isWaitingAt("waitForDndChange");
      assertThat(deliveries.failed()).isEqualTo(failedBefore);
      assertThat(runtimeService.createIncidentQuery().processInstanceId(paused.getId()).count()).isZero();
      assertThat(deliveries.pending()).isEqualTo(1);

      // when the operator activates it, the change arrives
      runtimeService.activateProcessInstanceById(paused.getId());
      deliveries.deliverPending();
      assertThat(paused).isWaitingAt("afterDndChange").variables()
          .containsEntry("channel", "SMS").containsEntry("active", true);
      assertThat(deliveries.pending()).isZero();
    } finally {
      repositoryService.activateProcessDefinitionByKey(SAMPLE);
    }
  }

  @Test
  void aWakeDeferredWhileItsDefinitionWasSuspendedRunsWhenTheDefinitionIsActivated() {
    // given: Cockpit's "suspend definition, with its instances"
    ProcessInstance paused = start("contact-waits-for-dnd-changed");
    repositoryService.suspendProcessDefinitionById(paused.getProcessDefinitionId(), true, null);
    try {
      dndService.set(contactId, DndTarget.SMS, user());
      deliveries.deliverPending();
      assertThat(paused).isWaitingAt("waitForDndChange");
    } finally {
      repositoryService.activateProcessDefinitionById(paused.getProcessDefinitionId(), true, null);
    }

    deliveries.deliverPending();

    assertThat(paused).isWaitingAt("afterDndChange");
  }

  @Test
  void aWakeWaitingForASuspendedInstanceGoesWithTheInstanceWhenItIsDeleted() {
    ProcessInstance paused = start("contact-waits-for-dnd-changed");
    runtimeService.suspendProcessInstanceById(paused.getId());
    dndService.set(contactId, DndTarget.SMS, user());
    deliveries.deliverPending();
    assertThat(managementService.createJobQuery().processInstanceId(paused.getId()).count()).isEqualTo(1);

    runtimeService.deleteProcessInstance(paused.getId(), "operator");

    // no delivery left behind for an instance that is gone
    assertThat(managementService.createJobQuery().processInstanceId(paused.getId()).count()).isZero();
  }

  @Test
  void aFannedOutWakeOfASuspendedInstanceWaitsForItsActivation() {
    // given: two instances wait; one is suspended
    ProcessInstance paused = start("contact-waits-for-dnd-changed");
    ProcessInstance running = start("contact-waits-for-dnd-changed");
    runtimeService.suspendProcessInstanceById(paused.getId());
    long failedBefore = deliveries.failed();

    // when
    dndService.set(contactId, DndTarget.SMS, user());
    deliveries.deliverPending();

    // then
    assertThat(running).isWaitingAt("afterDndChange");
    assertThat(paused).isWaitingAt("waitForDndChange");
    assertThat(deliveries.failed()).isEqualTo(failedBefore);

    runtimeService.activateProcessInstanceById(paused.getId());
    deliveries.deliverPending();
    assertThat(paused).isWaitingAt("afterDndChange");
  }

  @Test
  void aClearIsCorrelatedTooWithActiveFalse() {
    dndService.set(contactId, DndTarget.EMAIL, user());
    deliveries.deliverPending();
    ProcessInstance waiting = start("contact-waits-for-dnd-changed");

    dndService.clear(contactId, DndTarget.EMAIL, user());
    deliveries.deliverPending();

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
      deliveries.deliverPending();
      ProcessInstance campaign = start("contact-waits");

      contactTextsStop();

      assertThat(dndService.record(contactId).status()).isEqualTo(DndStatus.ON);
      assertThat(campaign).isWaitingAt("wait");
    } finally {
      repositoryService.activateProcessDefinitionByKey(SAMPLE);
    }
  }

  @Test
  void withTheMessageTurnedOffNothingIsScheduled() {
    ProcessInstance waiting = start("contact-waits-for-dnd-changed");
    DndChangedListener quiet = new DndChangedListener(trigger, false, false);
    long before = deliveries.pending();

    quiet.onDndChanged(new DndChangedEvent(contactId, DndTarget.SMS, true, DndReason.MANUAL, DndStatus.PARTIAL,
        user()));

    assertThat(deliveries.pending()).isEqualTo(before);
    assertThat(waiting).isWaitingAt("waitForDndChange");
  }

  @Test
  void aChangeIsRecordedAsOneDeliveryInItsOwnTransactionAndDeliveredOnlyWhenItRuns() {
    ProcessInstance waiting = start("contact-waits-for-dnd-changed");
    long before = deliveries.pending();

    dndService.set(contactId, DndTarget.SMS, user());

    // committed with the change, not yet delivered: a node that stopped now would leave it to another
    assertThat(deliveries.pending()).isEqualTo(before + 1);
    assertThat(waiting).isWaitingAt("waitForDndChange");
    deliveries.deliverPending();
    assertThat(waiting).isWaitingAt("afterDndChange");
    assertThat(deliveries.pending()).isZero();
  }

  @Test
  void twoTargetsAreFannedOutAndEachIsWokenOrStartedOnce() {
    ProcessInstance first = start("contact-waits-for-dnd-changed");
    ProcessInstance second = start("contact-waits-for-dnd-changed");

    dndService.set(contactId, DndTarget.SMS, user());
    deliveries.deliverPending();
    deliveries.deliverPending();

    assertThat(first).isWaitingAt("afterDndChange");
    assertThat(second).isWaitingAt("afterDndChange");
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(SAMPLE)
        .processInstanceBusinessKey(contactId).count()).isEqualTo(1);
  }

  @Test
  void theDeliverySaysWhatItWokeStartedAndScheduled() {
    start("contact-waits-for-dnd-changed");
    DndChangedEvent change = new DndChangedEvent(contactId, DndTarget.SMS, true, DndReason.MANUAL, DndStatus.PARTIAL,
        user());

    // the waiting instance and the sample: two targets, a job each
    DndChangedTrigger.Outcome outcome = new TransactionTemplate(transactions)
        .execute(tx -> trigger.deliverChange(DndChangedTrigger.Payload.of(change, false, true)));

    assertThat(outcome).isEqualTo(new DndChangedTrigger.Outcome(0, 0, 2));
    // exclusive with the other jobs of the instance it wakes; the start concerns no instance
    assertThat(managementService.createJobQuery().list().stream()
        .map(org.camunda.bpm.engine.impl.persistence.entity.JobEntity.class::cast)
        .filter(job -> DELIVERY_JOB.equals(job.getJobHandlerType())
            && job.getJobHandlerConfigurationRaw().contains(contactId)))
        .extracting(job -> job.getProcessInstanceId() != null, job -> job.isExclusive())
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(true, true),
            org.assertj.core.groups.Tuple.tuple(false, false));
    deliveries.deliverPending();
  }

  @Test
  void aDeliveryThatKeepsFailingBecomesAnIncidentAndIsCounted() {
    ProcessInstance campaign = start("contact-waits-for-dnd-changed");
    // a delivery whose payload no handler can read fails every attempt
    new TransactionTemplate(transactions).executeWithoutResult(tx ->
        deliveries.schedule(org.dndguard.engine.internal.Delivery.of(DndChangedTrigger.KIND, "{not json")));

    deliveries.deliverPending();

    assertThat(deliveries.failed()).isGreaterThanOrEqualTo(1);
    assertThat(processEngine.getRuntimeService().createIncidentQuery().incidentType("failedJob")
        .incidentMessageLike("%Not a dnd-changed delivery%").count()).isGreaterThanOrEqualTo(1);
    assertThat(meters.find("dnd.deliveries")
        .tag("outcome", "failed").counters()).isNotEmpty();
    assertThat(campaign).isWaitingAt("waitForDndChange");
  }

  @Test
  void successfulDeliveriesLeaveNoJobLogButFailedAttemptsAndOtherJobsDo() {
    ProcessInstance waiting = start("contact-waits-for-dnd-changed");
    dndService.set(contactId, DndTarget.SMS, user());
    deliveries.deliverPending();
    deliveries.deliverPending();
    assertThat(waiting).isWaitingAt("afterDndChange");
    // created, fanned out, woken: none of it in the job log, neither the change's job nor the instance's
    assertThat(historyService.createHistoricJobLogQuery().jobDefinitionType(DELIVERY_JOB).successLog().count())
        .isZero();
    assertThat(historyService.createHistoricJobLogQuery().jobDefinitionType(DELIVERY_JOB).creationLog().count())
        .isZero();
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(waiting.getId()).count()).isZero();

    new TransactionTemplate(transactions).executeWithoutResult(tx ->
        deliveries.schedule(org.dndguard.engine.internal.Delivery.of(DndChangedTrigger.KIND, "{not json either")));
    String failing = managementService.createJobQuery().list().stream()
        .map(org.camunda.bpm.engine.impl.persistence.entity.JobEntity.class::cast)
        .filter(job -> job.getJobHandlerConfigurationRaw().endsWith("{not json either")).findFirst().orElseThrow()
        .getId();
    deliveries.deliverPending();
    assertThat(historyService.createHistoricJobLogQuery().jobId(failing).failureLog().list())
        .as("each failed attempt is logged with its exception").hasSize(5)
        .allSatisfy(log -> assertThat(log.getJobExceptionMessage()).startsWith("Not a dnd-changed delivery"));
    assertThat(historyService.createHistoricJobLogQuery().jobId(failing).count()).isEqualTo(5);

    // a job of the engine's own, an asynchronous continuation, is logged as full history logs it
    String asyncKey = "async-" + contactId;
    repositoryService.createDeployment().addModelInstance(asyncKey + ".bpmn",
        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(asyncKey).startEvent().camundaAsyncBefore()
            .endEvent().done()).deploy();
    ProcessInstance async = runtimeService.startProcessInstanceByKey(asyncKey);
    managementService.executeJob(managementService.createJobQuery().processInstanceId(async.getId()).singleResult()
        .getId());
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(async.getId()).creationLog().count())
        .isEqualTo(1);
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(async.getId()).successLog().count())
        .isEqualTo(1);
  }

  private ProcessInstance start(String processKey) {
    return runtimeService.startProcessInstanceByKey(processKey, Map.of("contactId", contactId));
  }

  private ProcessInstance sampleOf(String contact) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(SAMPLE)
        .processInstanceBusinessKey(contact).singleResult();
  }

  private void contactTextsStop() {
    Evidence stop = Evidence.providerEvent(Source.TWILIO, "SM-" + contactId, Instant.now()).keyword("STOP").build();
    dndService.applyToAddress(AddressKind.PHONE, phone, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, stop));
    deliveries.deliverPending();
  }

  private static Evidence user() {
    return Evidence.user("test", Instant.now());
  }
}
