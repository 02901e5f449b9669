package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndClock;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndChangedEvent;
import org.dndguard.store.DndService;
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
import org.springframework.context.event.EventListener;

/**
 * Quiet hours and topics on Camunda's real engine, with a clock the test moves (DND Guard's and
 * the engine's together): a step due at night waits at the step, as an engine timer job, until its
 * window opens in the contact's zone, and is then checked again; a contact that left a topic
 * misses that topic's steps only.
 */
@OwnEngineContext(value = QuietHoursAndTopicsScenarioTest.CampaignApplication.class, properties = {
    "spring.datasource.url=jdbc:h2:mem:dnd-quiet-hours-scenarios;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "camunda.bpm.job-execution.enabled=false",
    "camunda.bpm.history-level=full",
    "dnd.quiet-hours.enabled=true"})
class QuietHoursAndTopicsScenarioTest {

  private static final String NEW_YORK = "+1 212 555 0100";
  private static final String LOS_ANGELES = "+1 415 555 0100";
  /** South Dakota: libphonenumber maps +1 605 to America/Denver and America/North_Dakota/Center. */
  private static final String TWO_ZONES = "+1 605 555 0100";

  @Autowired
  private ProcessEngine processEngine;
  @Autowired
  private RuntimeService runtimeService;
  @Autowired
  private ManagementService managementService;
  @Autowired
  private ContactService contacts;
  @Autowired
  private DndService dnd;
  @Autowired
  private SkipRecords skipRecords;
  @Autowired
  private MutableClock clock;
  @Autowired
  private List<String> sends;
  @Autowired
  private List<DndChangedEvent> changes;

  @EngineOnlyApplication
  @Import(RecordedSends.class)
  static class CampaignApplication {

    @Bean
    MutableClock clock() {
      return new MutableClock(Instant.parse("2026-03-03T12:00:00Z"));
    }

    @Bean
    DndClock dndClock(MutableClock clock) {
      return new DndClock(clock);
    }

    @Bean
    List<DndChangedEvent> changes() {
      return new CopyOnWriteArrayList<>();
    }

    @Bean
    Object changeRecorder(List<DndChangedEvent> changes) {
      return new Object() {
        @EventListener
        void on(DndChangedEvent event) {
          changes.add(event);
        }
      };
    }
  }

  @BeforeEach
  void deploy() {
    processEngine.getRepositoryService().createDeployment().name("quiet-hours-scenarios")
        .addClasspathResource("org/dndguard/engine/quiet/quiet-hours-sms.bpmn")
        .addClasspathResource("org/dndguard/engine/quiet/quiet-hours-ignore.bpmn")
        .addClasspathResource("org/dndguard/engine/quiet/topic-newsletter.bpmn")
        .enableDuplicateFiltering(true)
        .deploy();
  }

  @AfterEach
  void resetEngineClock() {
    ClockUtil.reset();
  }

  /** Moves DND Guard's clock and the engine's together: engine timers are due by the engine's. */
  private void clockAt(String instant) {
    Instant at = Instant.parse(instant);
    clock.set(at);
    ClockUtil.setCurrentTime(Date.from(at));
  }

  private String contact(String phone) {
    String id = "c-" + UUID.randomUUID();
    contacts.register(id, new ContactAddresses(phone, id + "@example.com", null, null, null),
        Evidence.user("scenario-test", clock.instant()));
    return id;
  }

  private ProcessInstance start(String processKey, String contactId) {
    return runtimeService.startProcessInstanceByKey(processKey, Map.of("contactId", contactId));
  }

  private boolean sent(ProcessInstance instance, String step) {
    return sends.contains(instance.getId() + ":" + step);
  }

  private Job deferral(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
  }

  private List<SkipRecord> records(ProcessInstance instance) {
    return skipRecords.ofProcessInstance(instance.getId());
  }

  @Test
  void smsDueAt2230WaitsAtTheStepAndRunsAt0800TheNextMorning() {
    // 22:30 in New York (EST, UTC-5)
    clockAt("2026-03-04T03:30:00Z");
    ProcessInstance instance = start("quiet-hours-sms", contact(NEW_YORK));

    assertThat(sent(instance, "message")).isFalse();
    assertThat(runtimeService.getActiveActivityIds(instance.getId())).containsExactly("message");
    Job job = deferral(instance);
    assertThat(job.getDuedate().toInstant()).isEqualTo(Instant.parse("2026-03-04T13:00:00Z"));
    assertThat(job.getProcessDefinitionKey()).isEqualTo("quiet-hours-sms");
    assertThat(records(instance)).singleElement().satisfies(record -> {
      assertThat(record.outcome()).isEqualTo(StepOutcome.DEFERRED);
      assertThat(record.runAt()).isEqualTo(Instant.parse("2026-03-04T13:00:00Z"));
      assertThat(record.detail()).contains("quiet hours");
    });

    // 08:00 the next morning in New York
    clockAt("2026-03-04T13:00:00Z");
    managementService.executeJob(job.getId());

    assertThat(sent(instance, "message")).isTrue();
    assertThat(sent(instance, "invoice")).isTrue();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    DndAssertions.assertThat(processEngine, instance).hasDeferred("message").hasNotSkipped("message")
        .hasNotDeferred("invoice");
    assertThat(records(instance)).extracting(SkipRecord::outcome).containsExactly(StepOutcome.DEFERRED);
  }

  @Test
  void aDeferredStepWhoseContactTextedStopMeanwhileIsSkippedWhenTheWindowOpens() {
    clockAt("2026-03-04T03:30:00Z");
    String contactId = contact(NEW_YORK);
    ProcessInstance instance = start("quiet-hours-sms", contactId);
    Job job = deferral(instance);

    clockAt("2026-03-04T05:00:00Z");
    dnd.applyToAddress(AddressKind.PHONE, NEW_YORK, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT,
        Evidence.providerEvent(Source.TWILIO, "SM-stop", clock.instant()).keyword("STOP").build()));

    clockAt("2026-03-04T13:00:00Z");
    managementService.executeJob(job.getId());

    assertThat(sent(instance, "message")).isFalse();
    assertThat(records(instance)).extracting(SkipRecord::outcome)
        .containsExactly(StepOutcome.DEFERRED, StepOutcome.SKIPPED, StepOutcome.SKIPPED);
    assertThat(records(instance).get(1).reason()).isEqualTo(DndReason.SMS_OPT_OUT);
  }

  @Test
  void contactsInNewYorkAndLosAngelesGetDifferentAnswersAtTheSameInstant() {
    // 21:30 in New York, 18:30 in Los Angeles
    clockAt("2026-03-04T02:30:00Z");
    ProcessInstance newYork = start("quiet-hours-sms", contact(NEW_YORK));
    ProcessInstance losAngeles = start("quiet-hours-sms", contact(LOS_ANGELES));

    assertThat(sent(newYork, "message")).isFalse();
    assertThat(deferral(newYork).getDuedate().toInstant()).isEqualTo(Instant.parse("2026-03-04T13:00:00Z"));
    assertThat(sent(losAngeles, "message")).isTrue();
    assertThat(records(losAngeles)).isEmpty();
  }

  @Test
  void aNumberWhoseAreaCodeSpansTwoZonesWaitsUntilTheWindowIsOpenInBoth() {
    // 08:30 in Central time (North Dakota), 07:30 in Mountain time (Denver)
    clockAt("2026-03-04T14:30:00Z");
    ProcessInstance instance = start("quiet-hours-sms", contact(TWO_ZONES));

    assertThat(sent(instance, "message")).isFalse();
    // 08:00 in Denver (MST, UTC-7)
    assertThat(deferral(instance).getDuedate().toInstant()).isEqualTo(Instant.parse("2026-03-04T15:00:00Z"));
  }

  @Test
  void aStepMarkedQuietHoursIgnoreRunsAtOnce() {
    clockAt("2026-03-04T03:30:00Z");
    ProcessInstance instance = start("quiet-hours-ignore", contact(NEW_YORK));

    assertThat(sent(instance, "message")).isTrue();
    assertThat(deferral(instance)).isNull();
    assertThat(records(instance)).isEmpty();
  }

  @Test
  void aContactsOwnTimeZoneWinsOverItsPhoneNumber() {
    // 22:30 in New York, but 19:30 in Los Angeles, the contact's own zone
    clockAt("2026-03-04T03:30:00Z");
    String id = "c-" + UUID.randomUUID();
    contacts.register(id, new ContactAddresses(NEW_YORK, null, null, null, null), "America/Los_Angeles",
        Evidence.user("scenario-test", clock.instant()));

    ProcessInstance instance = start("quiet-hours-sms", id);

    assertThat(sent(instance, "message")).isTrue();
  }

  @Test
  void aTopicUnsubscribeSkipsOnlyThatTopicsStepsAndIsAuditedAndPublishedWithTheTopic() {
    clockAt("2026-03-04T15:00:00Z");
    String contactId = contact(NEW_YORK);
    changes.clear();

    dnd.leaveTopic(contactId, "newsletter", Evidence.user("ann", "asked by phone", clock.instant()));
    ProcessInstance instance = start("topic-newsletter", contactId);

    assertThat(sent(instance, "message")).isFalse();
    assertThat(sent(instance, "invoice")).isTrue();
    assertThat(records(instance)).singleElement().satisfies(record -> {
      assertThat(record.outcome()).isEqualTo(StepOutcome.SKIPPED);
      assertThat(record.topic()).isEqualTo("newsletter");
      assertThat(record.blockedBy()).isNull();
      assertThat(record.detail()).contains("left the topic newsletter");
    });
    AuditRecord audited = dnd.history(contactId, 0, 1).get(0);
    assertThat(audited.action()).isEqualTo(AuditAction.TOPIC_LEFT);
    assertThat(audited.topic()).isEqualTo("newsletter");
    assertThat(audited.evidence().actor()).isEqualTo("ann");
    assertThat(changes).singleElement().satisfies(event -> {
      assertThat(event.topic()).isEqualTo("newsletter");
      assertThat(event.active()).isTrue();
      assertThat(event.target()).isNull();
    });

    dnd.rejoinTopic(contactId, "newsletter", Evidence.user("ann", clock.instant()));
    ProcessInstance after = start("topic-newsletter", contactId);

    assertThat(sent(after, "message")).isTrue();
    assertThat(dnd.history(contactId, 0, 1).get(0).action()).isEqualTo(AuditAction.TOPIC_REJOINED);
    assertThat(changes).last().satisfies(event -> assertThat(event.active()).isFalse());
  }
}
