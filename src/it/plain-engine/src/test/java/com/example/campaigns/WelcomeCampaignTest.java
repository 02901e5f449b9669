package com.example.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.test.DndAssertions;
import org.dndguard.test.DndGuardExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two scenarios with the same contact, in this order: the second sees none of the first's DND,
 * because DndGuardExtension empties DND Guard's tables after each test. Without the extension the
 * second fails: lead-42 would still be in SMS DND.
 */
// tag::scenario[]
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WelcomeCampaignTest {

  @RegisterExtension
  ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda.cfg.xml")
      .build();

  // after Camunda's: DND Guard on the engine's database, emptied after each test
  @RegisterExtension
  DndGuardExtension dnd = DndGuardExtension.of(engine);

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine.getProcessEngine());
    dnd.guard().contactService().register("lead-42", new ContactAddresses("+1 415 555 0142",
        "lead-42@example.com", null, null, null), Evidence.user("test", Instant.now()));
  }

  @Test
  @Order(1)
  @Deployment(resources = "welcome.bpmn")
  void aLeadInSmsDndGetsTheEmailButNotTheSms() {
    // given
    dnd.guard().dndService().set("lead-42", DndTarget.SMS, Evidence.user("test", "asked not to be texted",
        Instant.now()));

    // when
    ProcessInstance welcome = runtimeService().startProcessInstanceByKey("welcome",
        withVariables("contactId", "lead-42"));

    // then
    BpmnAwareTests.assertThat(welcome).isEnded().variables().containsEntry("emailSent", true)
        .doesNotContainKey("smsSent");
    DndAssertions.assertThat(welcome).hasSkipped("sendWelcomeSms").hasNotSkipped("sendWelcomeEmail");
  }

  @Test
  @Order(2)
  @Deployment(resources = "welcome.bpmn")
  void theSameLeadInTheNextScenarioHasNoDndOfTheFirst() {
    // when
    ProcessInstance welcome = runtimeService().startProcessInstanceByKey("welcome",
        withVariables("contactId", "lead-42"));

    // then
    assertThat(dnd.guard().dndService().isBlocked("lead-42", Channel.SMS)).isFalse();
    BpmnAwareTests.assertThat(welcome).isEnded().variables().containsEntry("smsSent", true)
        .containsEntry("emailSent", true);
    DndAssertions.assertThat(welcome).hasNoSkipRecords();
  }
}
// end::scenario[]
