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
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.test.DndAssertions;
import org.dndguard.test.DndGuardExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The same two scenarios with one contact as the plain engine's test, in the application's context:
 * DndGuardExtension empties DND Guard's tables after each test, so the second scenario's lead-42 has
 * none of the first one's DND.
 */
// tag::spring-boot-scenario[]
// quiet hours depend on the time of day: off here, so that the SMS goes out whenever the test runs
@SpringBootTest(properties = "dnd.quiet-hours.enabled=false")
@ExtendWith(DndGuardExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WelcomeCampaignSpringBootTest {

  @Autowired
  ProcessEngine processEngine;
  @Autowired
  ContactService contacts;
  @Autowired
  DndService dnd;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    contacts.register("lead-42", new ContactAddresses("+1 415 555 0142", "lead-42@example.com", null, null, null),
        Evidence.user("test", Instant.now()));
  }

  @Test
  @Order(1)
  void aLeadInDndOnEveryChannelGetsNothing() {
    dnd.set("lead-42", DndTarget.ALL, Evidence.user("test", "asked to be left alone", Instant.now()));

    ProcessInstance welcome = processEngine.getRuntimeService().startProcessInstanceByKey("welcome",
        Map.of("contactId", "lead-42"));

    BpmnAwareTests.assertThat(welcome).isEnded().variables().doesNotContainKeys("smsSent", "emailSent");
    DndAssertions.assertThat(welcome).hasSkipped("sendWelcomeSms", "sendWelcomeEmail");
  }

  @Test
  @Order(2)
  void theSameLeadInTheNextScenarioHasNoDndOfTheFirst() {
    ProcessInstance welcome = processEngine.getRuntimeService().startProcessInstanceByKey("welcome",
        Map.of("contactId", "lead-42"));

    assertThat(dnd.isBlocked("lead-42", Channel.SMS)).isFalse();
    BpmnAwareTests.assertThat(welcome).isEnded().variables().containsEntry("smsSent", true)
        .containsEntry("emailSent", true);
    DndAssertions.assertThat(welcome).hasNoSkipRecords();
  }
}
// end::spring-boot-scenario[]
