package org.dndguard.test;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

// The Spring Boot scenario of the reference application; docs/testing.md shows the same test of the consumer
// project src/it/spring-boot.
// tag::spring-boot-scenario[]
@SpringBootTest(classes = org.dndguard.app.DndGuardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WelcomeCampaignSpringBootTest {

  @Autowired
  ProcessEngine processEngine;
  @Autowired
  ContactService contacts;
  @Autowired
  DndService dnd;

  String lead = "lead-" + UUID.randomUUID();

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    // your application deploys its own models; this test brings the README's example along
    processEngine.getRepositoryService().createDeployment().name("welcome").enableDuplicateFiltering(true)
        .addClasspathResource("org/dndguard/test/welcome.bpmn").deploy();
    contacts.register(lead, new ContactAddresses("+1 415 555 0142", null, null, null, null),
        Evidence.user("test", Instant.now()));
  }

  @Test
  void aLeadInDndOnEveryChannelGetsNothing() {
    dnd.set(lead, DndTarget.ALL, Evidence.user("test", "asked to be left alone", Instant.now()));

    ProcessInstance welcome = processEngine.getRuntimeService().startProcessInstanceByKey("welcome",
        Map.of("contactId", lead));

    assertThat(welcome).isEnded().variables().doesNotContainKeys("smsSent", "emailSent");
    DndAssertions.assertThat(welcome).hasSkipped("sendWelcomeSms", "sendWelcomeEmail");
  }
}
// end::spring-boot-scenario[]
