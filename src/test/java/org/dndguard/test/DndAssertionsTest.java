package org.dndguard.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.DndGuard;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each assertion passes when it should, and fails with a message that says what was expected and found. */
@Deployment(resources = "org/dndguard/test/welcome.bpmn")
class DndAssertionsTest {

  @RegisterExtension
  ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("dnd-guard.camunda.cfg.xml")
      .build();

  private String contact;

  @BeforeEach
  void contactInSmsDnd() {
    BpmnAwareTests.init(engine.getProcessEngine());
    DndGuard dnd = DndGuard.on(engine.getProcessEngine().getProcessEngineConfiguration().getDataSource());
    contact = "c-" + UUID.randomUUID();
    dnd.contactService().register(contact, ContactAddresses.none(), Evidence.user("test", Instant.now()));
    dnd.dndService().set(contact, DndTarget.SMS, Evidence.user("test", Instant.now()));
  }

  /** The welcome campaign for the contact: the SMS is skipped, the e-mail goes out. */
  private ProcessInstance smsSkipped() {
    return runtimeService().startProcessInstanceByKey("welcome", withVariables("contactId", contact));
  }

  @Test
  void hasSkippedPassesForASkippedStep() {
    DndAssertions.assertThat(smsSkipped()).hasSkipped("sendWelcomeSms");
  }

  @Test
  void hasSkippedFailsForAStepThatRan() {
    ProcessInstance smsSkipped = smsSkipped();
    assertThatThrownBy(() -> DndAssertions.assertThat(smsSkipped).hasSkipped("sendWelcomeEmail"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting DND Guard to have skipped step 'sendWelcomeEmail' in process instance '"
            + smsSkipped.getId() + "', but it did not. It held back: 'sendWelcomeSms' skipped (SMS is in DND for contact")
        .hasMessageContaining("Please make sure the step is marked with dnd.channel");
  }

  @Test
  void hasNotSkippedPassesForAStepThatRan() {
    DndAssertions.assertThat(smsSkipped()).hasNotSkipped("sendWelcomeEmail").hasNotRouted("sendWelcomeSms");
  }

  @Test
  void hasNotSkippedFailsForASkippedStep() {
    ProcessInstance smsSkipped = smsSkipped();
    assertThatThrownBy(() -> DndAssertions.assertThat(smsSkipped).hasNotSkipped("sendWelcomeEmail", "sendWelcomeSms"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting DND Guard not to have skipped step 'sendWelcomeSms' in process instance '"
            + smsSkipped.getId() + "', but it did: 'sendWelcomeSms' skipped (SMS is in DND");
  }

  @Test
  void hasRoutedFailsForASkippedStep() {
    assertThatThrownBy(() -> DndAssertions.assertThat(smsSkipped()).hasRouted("sendWelcomeSms"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting DND Guard to have routed DND_BLOCKED from step 'sendWelcomeSms'")
        .hasMessageContaining("and that dnd.onBlocked is 'error'");
  }

  @Test
  void hasNoSkipRecordsFailsWhenAStepWasHeldBack() {
    ProcessInstance smsSkipped = smsSkipped();
    assertThatThrownBy(() -> DndAssertions.assertThat(smsSkipped).hasNoSkipRecords())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting DND Guard to have held back no step of process instance '"
            + smsSkipped.getId() + "', but it held back: 'sendWelcomeSms' skipped");
  }

  @Test
  void skipRecordsAreThereForChecksOfYourOwn() {
    assertThat(DndAssertions.assertThat(smsSkipped()).skipRecords()).singleElement()
        .satisfies(record -> assertThat(record.activityId()).isEqualTo("sendWelcomeSms"));
  }

  @Test
  void anAssertionNeedsAStep() {
    assertThatThrownBy(() -> DndAssertions.assertThat(smsSkipped()).hasSkipped())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Name at least one step");
  }
}
