package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndClock;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.internal.GuardMetrics;
import org.dndguard.messaging.MessageLimit;
import org.dndguard.messaging.MessageStatus;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.messaging.OutboxWorker;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.ContactService;
import org.dndguard.test.DndAssertions;
import org.dndguard.testsupport.EngineOnlyApplication;
import org.dndguard.testsupport.MutableClock;
import org.dndguard.testsupport.RecordedSends;
import org.dndguard.testsupport.OwnEngineContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Communication limits on Camunda's real engine, with a rule "SMS, 2 per calendar day" in the
 * contact's zone (America/Chicago) and a clock the test moves (DND Guard's and the engine's
 * together): over the limit a step defers to the contact's next midnight and is then checked
 * again (here quiet hours hold it to 08:00), or is skipped with {@code LIMITED}, or routes
 * {@code DND_LIMITED}; a transactional step marked {@code dnd.limit=exempt} always runs.
 */
@OwnEngineContext(value = CommunicationLimitsScenarioTest.CampaignApplication.class, properties = {
    "spring.datasource.url=jdbc:h2:mem:dnd-limit-scenarios;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "camunda.bpm.job-execution.enabled=false",
    "camunda.bpm.history-level=full",
    "dnd.quiet-hours.enabled=true",
    "dnd.limits.rules[0].name=sms-daily",
    "dnd.limits.rules[0].channels=SMS",
    "dnd.limits.rules[0].count=2",
    "dnd.limits.rules[0].window=DAY",
    // the outbox: messages queued by steps are dispatched by the test, to the logging dispatcher
    "dnd.messaging.dispatch.enabled=false",
    "dnd.messaging.dispatch.log-only=true"})
class CommunicationLimitsScenarioTest {

  /** Noon on Wednesday 4 March 2026 in Chicago (CST, UTC-6). */
  private static final String NOON = "2026-03-04T18:00:00Z";
  /** The contact's next midnight: Thursday 00:00 in Chicago. */
  private static final Instant MIDNIGHT = Instant.parse("2026-03-05T06:00:00Z");
  /** Thursday 08:00 in Chicago, when SMS quiet hours end. */
  private static final Instant EIGHT = Instant.parse("2026-03-05T14:00:00Z");

  @Autowired
  private ProcessEngine processEngine;
  @Autowired
  private RuntimeService runtimeService;
  @Autowired
  private ManagementService managementService;
  @Autowired
  private ContactService contacts;
  @Autowired
  private SkipRecords skipRecords;
  @Autowired
  private CommunicationCounts counts;
  @Autowired
  private MutableClock clock;
  @Autowired
  private List<String> sends;
  @Autowired
  private MeterRegistry meters;
  @Autowired
  private Outbox outbox;
  @Autowired
  private OutboxWorker worker;

  @EngineOnlyApplication
  @Import(RecordedSends.class)
  static class CampaignApplication {

    @Bean
    MutableClock clock() {
      return new MutableClock(Instant.parse(NOON));
    }

    @Bean
    DndClock dndClock(MutableClock clock) {
      return new DndClock(clock);
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @BeforeEach
  void deploy() {
    BpmnAwareTests.init(processEngine);
    processEngine.getRepositoryService().createDeployment().name("limit-scenarios")
        .addClasspathResource("org/dndguard/engine/limits/limits-defer.bpmn")
        .addClasspathResource("org/dndguard/engine/limits/limits-skip.bpmn")
        .addClasspathResource("org/dndguard/engine/limits/limits-error.bpmn")
        .addClasspathResource("org/dndguard/engine/limits/limits-exempt.bpmn")
        .addClasspathResource("org/dndguard/engine/limits/limits-send.bpmn")
        .addClasspathResource("org/dndguard/engine/limits/limits-send-unguarded.bpmn")
        .enableDuplicateFiltering(true)
        .deploy();
    clockAt(Instant.parse(NOON));
  }

  @AfterEach
  void resetEngineClock() {
    ClockUtil.reset();
  }

  private void clockAt(Instant at) {
    clock.set(at);
    ClockUtil.setCurrentTime(Date.from(at));
  }

  private String contact() {
    String id = "c-" + UUID.randomUUID();
    contacts.register(id, new ContactAddresses("+1 312 555 0100", null, null, null, null), "America/Chicago",
        Evidence.user("scenario-test", clock.instant()));
    return id;
  }

  private ProcessInstance start(String processKey, String contactId) {
    return runtimeService.startProcessInstanceByKey(processKey, Map.of("contactId", contactId));
  }

  private List<String> sent(ProcessInstance instance) {
    return sends.stream().filter(send -> send.startsWith(instance.getId() + ":"))
        .map(send -> send.substring(send.indexOf(':') + 1)).toList();
  }

  private Job deferral(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
  }

  private double held() {
    var counter = meters.find(GuardMetrics.LIMITS_HELD).tag("rule", "sms-daily").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void twoRunTheThirdDefersToTheContactsNextMidnightAndTheFourthLikewise() {
    String contactId = contact();
    double heldBefore = held();
    ProcessInstance campaign = start("limits-defer", contactId);

    assertThat(sent(campaign)).containsExactly("sms1", "sms2");
    assertThat(campaign).isWaitingAt("sms3").hasPassed("sms1", "sms2").hasNotPassed("sms3", "sms4");
    Job job = deferral(campaign);
    assertThat(job.getDuedate().toInstant()).isEqualTo(MIDNIGHT);
    assertThat(skipRecords.ofProcessInstance(campaign.getId())).singleElement().satisfies(record -> {
      assertThat(record.outcome()).isEqualTo(StepOutcome.DEFERRED);
      assertThat(record.cause()).isEqualTo(SkipRecord.LIMITED);
      assertThat(record.limitRule()).isEqualTo("sms-daily");
      assertThat(record.runAt()).isEqualTo(MIDNIGHT);
      assertThat(record.detail()).contains("limit sms-daily (SMS, 2 per DAY) is used 2 of 2 for contact " + contactId);
    });
    // a second campaign for the same contact the same day: its first step, the contact's fourth, waits likewise
    ProcessInstance second = start("limits-defer", contactId);
    assertThat(sent(second)).isEmpty();
    assertThat(second).isWaitingAt("sms1");
    assertThat(deferral(second).getDuedate().toInstant()).isEqualTo(MIDNIGHT);
    assertThat(held() - heldBefore).isEqualTo(2);

    // midnight in Chicago: the limit has places again, but SMS quiet hours hold both to 08:00
    clockAt(MIDNIGHT);
    managementService.executeJob(job.getId());
    managementService.executeJob(deferral(second).getId());
    assertThat(sent(campaign)).containsExactly("sms1", "sms2");
    assertThat(deferral(campaign).getDuedate().toInstant()).isEqualTo(EIGHT);
    assertThat(deferral(second).getDuedate().toInstant()).isEqualTo(EIGHT);

    // 08:00: the first campaign takes Thursday's two places; the second waits for Friday's midnight
    clockAt(EIGHT);
    managementService.executeJob(deferral(campaign).getId());
    managementService.executeJob(deferral(second).getId());
    assertThat(sent(campaign)).containsExactly("sms1", "sms2", "sms3", "sms4");
    assertThat(campaign).isEnded();
    assertThat(second).isWaitingAt("sms1");
    assertThat(deferral(second).getDuedate().toInstant()).isEqualTo(MIDNIGHT.plusSeconds(24 * 3600));
    assertThat(skipRecords.ofProcessInstance(second.getId())).extracting(SkipRecord::cause)
        .containsExactly(SkipRecord.LIMITED, "QUIET_HOURS", SkipRecord.LIMITED);
    DndAssertions.assertThat(processEngine, campaign).hasDeferred("sms3").hasNotSkipped("sms3", "sms4");
    assertThat(counts.count(contactId)).isEqualTo(4);
  }

  @Test
  void withSkipTheStepsOverTheLimitAreSkippedWithLimitedAndTheRuleNamed() {
    String contactId = contact();
    ProcessInstance campaign = start("limits-skip", contactId);

    assertThat(sent(campaign)).containsExactly("sms1", "sms2");
    assertThat(campaign).isEnded();
    DndAssertions.assertThat(processEngine, campaign).hasSkipped("sms3").hasSkipped("sms4").hasNotSkipped("sms1");
    assertThat(skipRecords.ofProcessInstance(campaign.getId())).allSatisfy(record -> {
      assertThat(record.outcome()).isEqualTo(StepOutcome.SKIPPED);
      assertThat(record.cause()).isEqualTo(SkipRecord.LIMITED);
      assertThat(record.limitRule()).isEqualTo("sms-daily");
      assertThat(record.runAt()).isNull();
      assertThat(record.detail()).endsWith("(dnd.onLimited=skip)");
    }).extracting(SkipRecord::activityId).containsExactly("sms3", "sms4");
    assertThat(counts.count(contactId)).isEqualTo(2);
  }

  @Test
  void withErrorTheModelRoutesDndLimited() {
    String contactId = contact();
    ProcessInstance campaign = start("limits-error", contactId);

    assertThat(sent(campaign)).containsExactly("sms1", "sms2", "emailInstead");
    assertThat(campaign).isEnded().hasPassed("emailInstead", "routedEnd").hasNotPassed("end");
    assertThat(skipRecords.ofProcessInstance(campaign.getId())).singleElement().satisfies(record -> {
      assertThat(record.outcome()).isEqualTo(StepOutcome.ROUTED);
      assertThat(record.activityId()).isEqualTo("sms3");
      assertThat(record.limitRule()).isEqualTo("sms-daily");
    });
  }

  @Test
  void anExemptStepAlwaysRunsAndDoesNotCount() {
    String contactId = contact();
    ProcessInstance campaign = start("limits-exempt", contactId);

    assertThat(sent(campaign)).containsExactly("sms1", "sms2", "receipt");
    assertThat(campaign).isEnded();
    DndAssertions.assertThat(processEngine, campaign).hasNotSkipped("receipt").hasSkipped("sms3");
    // dnd.limits.count-exempt is false by default: the receipt is not counted
    assertThat(counts.count(contactId)).isEqualTo(2);
  }

  @Test
  void aMessageAGuardedStepQueuedCountsOnceAsTheStep() {
    String contactId = contact();
    ProcessInstance first = start("limits-send", contactId);
    ProcessInstance second = start("limits-send", contactId);
    assertThat(first).isEnded();
    assertThat(second).isEnded();
    // the two steps took the rule's two places
    assertThat(counts.count(contactId)).isEqualTo(2);

    worker.dispatchDue();

    // counted again at dispatch, the rule would be full and hold both texts
    List<OutboxMessage> messages = outbox.messagesOf(contactId, null, 0, 50);
    assertThat(messages).hasSize(2).allSatisfy(message -> {
      assertThat(message.limit()).isEqualTo(MessageLimit.STEP);
      assertThat(message.status()).isEqualTo(MessageStatus.LOGGED);
    });
    assertThat(counts.count(contactId)).isEqualTo(2);
  }

  @Test
  void anUnguardedStepsMessageIsHeldAtDispatchUnlessTheStepIsMarkedExempt() {
    String contactId = contact();
    start("limits-send", contactId);
    start("limits-send", contactId);
    ProcessInstance unguarded = start("limits-send-unguarded", contactId);
    assertThat(unguarded).isEnded();

    worker.dispatchDue();

    List<OutboxMessage> messages = outbox.messagesOf(contactId, null, 0, 50);
    OutboxMessage promotion = messages.stream().filter(m -> "promotion".equals(m.activityId())).findFirst()
        .orElseThrow();
    OutboxMessage receipt = messages.stream().filter(m -> "receipt".equals(m.activityId())).findFirst()
        .orElseThrow();
    // the two guarded steps filled "SMS, 2 per day": the promotion waits for the contact's midnight
    assertThat(promotion.limit()).isEqualTo(MessageLimit.LIMITED);
    assertThat(promotion.status()).isEqualTo(MessageStatus.PENDING);
    assertThat(promotion.heldUntil()).isEqualTo(MIDNIGHT);
    assertThat(receipt.limit()).isEqualTo(MessageLimit.EXEMPT);
    assertThat(receipt.status()).isEqualTo(MessageStatus.LOGGED);
    assertThat(counts.count(contactId)).isEqualTo(2);

    clockAt(EIGHT);
    worker.dispatchDue();

    assertThat(outbox.find(promotion.id()).orElseThrow().status()).isEqualTo(MessageStatus.LOGGED);
    assertThat(counts.count(contactId)).isEqualTo(3);
  }
}
