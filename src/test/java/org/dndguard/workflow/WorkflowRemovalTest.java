package org.dndguard.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dndguard.workflow.WorkflowTestModels.newContactId;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.engine.camunda.internal.SeparateTransactions;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Removing a contact from all workflows, on the engine of the reference application. */
@ReferenceAppContext
class WorkflowRemovalTest {

  private static final String REASON = "DND on all channels";

  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired WorkflowRemoval removal;
  @Autowired ContactInstanceIndex index;
  @Autowired AuditTrail auditTrail;
  @Autowired ContactService contacts;
  @Autowired DataSource dataSource;

  String contactId;

  @BeforeEach
  void contactWithModels() {
    WorkflowTestModels.deploy(repositoryService);
    contactId = WorkflowTestModels.registerContact(contacts, "removal");
  }

  @Test
  void aContactIsRemovedFromThreeProcessesOneWithACallActivity() {
    // given
    ProcessInstance waits = start("contact-waits");
    ProcessInstance nurture = runtimeService.createMessageCorrelation("StartNurture")
        .setVariable("contactId", contactId).correlateStartMessage();
    ProcessInstance callsChild = start("contact-calls-child");
    ProcessInstance child = runtimeService.createProcessInstanceQuery().superProcessInstanceId(callsChild.getId())
        .singleResult();
    ProcessInstance someoneElses = runtimeService.startProcessInstanceByKey("contact-waits", newContactId("else"));

    // when
    WorkflowRemovalResult result = removal.removeFromAllWorkflows(contactId, REASON, evidence());

    // then
    assertThat(result.isBatch()).isFalse();
    assertThat(result.removedProcessInstanceIds())
        .containsExactlyInAnyOrder(waits.getId(), nurture.getId(), callsChild.getId());
    assertThat(runtimeService.createProcessInstanceQuery()
        .processInstanceIds(ids(waits, nurture, callsChild, child)).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery()
        .processInstanceIds(ids(waits, nurture, callsChild, child)).list())
        .hasSize(4)
        .allSatisfy(ended -> {
          assertThat(ended.getState()).isEqualTo(HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED);
          assertThat(ended.getDeleteReason()).isEqualTo(REASON);
        });
    assertThat(index.instancesOf(contactId)).isEmpty();
    assertThat(removals()).extracting(AuditRecord::message).containsExactlyInAnyOrder(
        "Removed from workflow 'contact-waits' (process instance " + waits.getId()
            + " and the sub-process instances it started): " + REASON,
        "Removed from workflow 'contact-starts-on-message' (process instance " + nurture.getId()
            + " and the sub-process instances it started): " + REASON,
        "Removed from workflow 'contact-calls-child' (process instance " + callsChild.getId()
            + " and the sub-process instances it started): " + REASON);
    assertThat(removals()).allSatisfy(row -> assertThat(row.evidence().actor()).isEqualTo("test"));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(someoneElses.getId()).count()).isOne();
    runtimeService.deleteProcessInstance(someoneElses.getId(), "test cleanup");
  }

  @Test
  void removingTwiceEndsEachInstanceOnceAndAuditsOnce() {
    ProcessInstance first = start("contact-waits");
    ProcessInstance second = start("contact-calls-child");

    WorkflowRemovalResult once = removal.removeFromAllWorkflows(contactId, REASON, evidence());
    WorkflowRemovalResult twice = removal.removeFromAllWorkflows(contactId, REASON, evidence());

    assertThat(once.removedProcessInstanceIds()).containsExactlyInAnyOrder(first.getId(), second.getId());
    assertThat(twice.removed()).isZero();
    assertThat(removals()).hasSize(2);
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
  void aConflictingChangeDuringTheDeletionIsRetried() throws Exception {
    ProcessInstance instance = start("contact-pauses-when-ended");
    CountDownLatch paused = PauseOnEnd.arm();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<WorkflowRemovalResult> result = thread.submit(
          () -> removal.removeFromAllWorkflows(contactId, REASON, evidence()));
      assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();

      // the deletion has not committed yet: a change that commits first makes it fail on its flush
      runtimeService.suspendProcessInstanceById(instance.getId());
      PauseOnEnd.release();

      assertThat(result.get(30, TimeUnit.SECONDS).removedProcessInstanceIds()).containsExactly(instance.getId());
      assertThat(PauseOnEnd.ends()).as("the end listener ran for the failed attempt and for the retry").isEqualTo(2);
      assertThat(removals()).hasSize(1);
    } finally {
      PauseOnEnd.release();
      thread.shutdownNow();
    }
  }

  @Test
  void withoutRetriesTheConflictIsReportedAndTheInstanceStays() throws Exception {
    WorkflowRemoval withoutRetries = new WorkflowRemoval(runtimeService, repositoryService, index, auditTrail,
        new SeparateTransactions(transactionManager), Clock.systemUTC(), 100, 0);
    ProcessInstance instance = start("contact-pauses-when-ended");
    CountDownLatch paused = PauseOnEnd.arm();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<WorkflowRemovalResult> result = thread.submit(
          () -> withoutRetries.removeFromAllWorkflows(contactId, REASON, evidence()));
      assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();
      runtimeService.suspendProcessInstanceById(instance.getId());
      PauseOnEnd.release();

      assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(OptimisticLockingException.class);
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isOne();
      assertThat(index.instancesOf(contactId)).hasSize(1);
      assertThat(removals()).isEmpty();
    } finally {
      PauseOnEnd.release();
      thread.shutdownNow();
      runtimeService.deleteProcessInstancesIfExists(List.of(instance.getId()), "test cleanup", true, true, false);
    }
  }

  @Test
  void aSubProcessInstanceCalledForTheContactByACampaignIsRemovedAloneAndTheCampaignGoesOn() {
    String otherContact = newContactId("campaign-other");
    ProcessInstance campaign = runtimeService.startProcessInstanceByKey("contact-campaign-calls-each",
        Map.of("contacts", List.of(contactId, otherContact)));
    String ours = index.instancesOf(contactId).get(0).processInstanceId();
    String theirs = index.instancesOf(otherContact).get(0).processInstanceId();

    WorkflowRemovalResult result = removal.removeFromAllWorkflows(contactId, REASON, evidence());

    assertThat(result.removedProcessInstanceIds()).containsExactly(ours);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceIds(ids(campaign)).count()).isOne();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(theirs).count()).isOne();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(ours).count()).isZero();
    runtimeService.deleteProcessInstance(campaign.getId(), "test cleanup");
  }

  @Test
  void aboveTheThresholdTheRemovalRunsAsACamundaBatch() {
    WorkflowRemoval smallBatches = new WorkflowRemoval(runtimeService, repositoryService, index, auditTrail,
        new SeparateTransactions(transactionManager), Clock.systemUTC(), 2, 3);
    List<String> started = List.of(start("contact-waits").getId(), start("contact-waits").getId(),
        start("contact-calls-child").getId());

    WorkflowRemovalResult result = smallBatches.removeFromAllWorkflows(contactId, REASON, evidence());

    assertThat(result.isBatch()).isTrue();
    assertThat(result.batchSize()).isEqualTo(3);
    Batch batch = managementService.createBatchQuery().batchId(result.batchId()).singleResult();
    assertThat(batch.getType()).isEqualTo(Batch.TYPE_PROCESS_INSTANCE_DELETION);
    assertThat(batch.getTotalJobs()).isEqualTo(3);
    assertThat(removals()).singleElement().extracting(AuditRecord::message).asString()
        .contains("Removal from 3 workflows runs as Camunda batch " + result.batchId());

    runBatch(batch);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceIds(Set.copyOf(started)).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceIds(Set.copyOf(started)).list())
        .extracting(HistoricProcessInstance::getDeleteReason).containsOnly(REASON);
    assertThat(index.instancesOf(contactId)).isEmpty();
    assertThat(smallBatches.removeFromAllWorkflows(contactId, REASON, evidence()).removed()).isZero();
  }

  @Test
  void aRowWhoseInstanceIsGoneIsDroppedFromTheIndex() {
    index.write(List.of(new IndexedInstance("no-such-instance-" + contactId, contactId, null, null)), List.of());

    WorkflowRemovalResult result = removal.removeFromAllWorkflows(contactId, REASON, evidence());

    assertThat(result.removed()).isZero();
    assertThat(index.instancesOf(contactId)).isEmpty();
  }

  @Test
  void anInstanceWithoutAStoredProcessKeyIsAuditedWithTheKeyOfItsDefinition() {
    // given: an instance as Camunda before 7.23 stored it, without the key of its definition
    ProcessInstance legacy = start("contact-waits");
    JdbcClient.create(dataSource).sql("UPDATE ACT_RU_EXECUTION SET PROC_DEF_KEY_ = NULL WHERE PROC_INST_ID_ = ?")
        .param(legacy.getId()).update();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(legacy.getId()).singleResult()
        .getProcessDefinitionKey()).isNull();

    // when
    WorkflowRemovalResult result = removal.removeFromAllWorkflows(contactId, REASON, evidence());

    // then
    assertThat(result.removedProcessInstanceIds()).containsExactly(legacy.getId());
    assertThat(removals()).extracting(AuditRecord::message).containsExactly("Removed from workflow 'contact-waits'"
        + " (process instance " + legacy.getId() + " and the sub-process instances it started): " + REASON);
  }

  @Test
  void badInputIsRefusedAndRemovesNothing() {
    ProcessInstance instance = start("contact-waits");

    assertThatThrownBy(() -> removal.removeFromAllWorkflows(" ", REASON, evidence()))
        .isInstanceOf(InvalidDndInputException.class).hasMessageContaining("contact id is blank");
    assertThatThrownBy(() -> removal.removeFromAllWorkflows(contactId, "  ", evidence()))
        .isInstanceOf(InvalidDndInputException.class).hasMessageContaining("delete reason is blank");
    assertThatThrownBy(() -> removal.removeFromAllWorkflows(contactId, "x".repeat(1001), evidence()))
        .isInstanceOf(InvalidDndInputException.class).hasMessageContaining("at most 1000");

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isOne();
    runtimeService.deleteProcessInstance(instance.getId(), "test cleanup");
  }

  private ProcessInstance start(String processKey) {
    return runtimeService.startProcessInstanceByKey(processKey, Map.of("contactId", contactId));
  }

  private void runBatch(Batch batch) {
    for (String jobDefinitionId : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
        batch.getMonitorJobDefinitionId())) {
      for (Job job : managementService.createJobQuery().jobDefinitionId(jobDefinitionId).list()) {
        managementService.executeJob(job.getId());
      }
    }
  }

  private List<AuditRecord> removals() {
    return auditTrail.inOrder(contactId).stream().filter(r -> r.action() == AuditAction.WORKFLOW_REMOVAL).toList();
  }

  private static Evidence evidence() {
    return Evidence.user("test", Instant.now());
  }

  private static Set<String> ids(ProcessInstance... instances) {
    Set<String> ids = new HashSet<>();
    for (ProcessInstance instance : instances) {
      ids.add(instance.getId());
    }
    return ids;
  }
}
