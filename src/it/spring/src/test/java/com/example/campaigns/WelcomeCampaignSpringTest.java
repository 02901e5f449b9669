package com.example.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.DndGuard;
import org.dndguard.test.DndAssertions;
import org.dndguard.test.DndGuardExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The two scenarios with one contact in a Spring application without Spring Boot: DND Guard comes
 * as a DndGuard parameter from the extension, on the engine's database, emptied after each test.
 */
@SpringJUnitConfig(CampaignsConfiguration.class)
@ExtendWith(DndGuardExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WelcomeCampaignSpringTest {

  @Autowired
  ProcessEngine processEngine;

  @BeforeEach
  void setUp(DndGuard dnd) {
    BpmnAwareTests.init(processEngine);
    dnd.contactService().register("lead-42", new ContactAddresses("+1 415 555 0142", "lead-42@example.com", null,
        null, null), Evidence.user("test", Instant.now()));
  }

  @Test
  @Order(1)
  void aLeadInSmsDndGetsTheEmailButNotTheSms(DndGuard dnd) {
    dnd.dndService().set("lead-42", DndTarget.SMS, Evidence.user("test", "asked not to be texted", Instant.now()));

    ProcessInstance welcome = processEngine.getRuntimeService().startProcessInstanceByKey("welcome",
        Map.of("contactId", "lead-42"));

    BpmnAwareTests.assertThat(welcome).isEnded().variables().containsEntry("emailSent", true)
        .doesNotContainKey("smsSent");
    DndAssertions.assertThat(welcome).hasSkipped("sendWelcomeSms").hasNotSkipped("sendWelcomeEmail");
  }

  @Test
  @Order(2)
  void theSameLeadInTheNextScenarioHasNoDndOfTheFirst(DndGuard dnd) {
    ProcessInstance welcome = processEngine.getRuntimeService().startProcessInstanceByKey("welcome",
        Map.of("contactId", "lead-42"));

    assertThat(dnd.dndService().isBlocked("lead-42", Channel.SMS)).isFalse();
    BpmnAwareTests.assertThat(welcome).isEnded().variables().containsEntry("smsSent", true)
        .containsEntry("emailSent", true);
    DndAssertions.assertThat(welcome).hasNoSkipRecords();
  }
}
