package org.dndguard.test;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
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

// docs/testing.md shows the region between the tags (README.md the first); ReadmeSamplesTest compares them.
// tag::scenario[]
class WelcomeCampaignTest {

  @RegisterExtension
  ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("dnd-guard.camunda.cfg.xml")
      .build();

  DndGuard dnd;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine.getProcessEngine());
    // DND Guard on the engine's database: the plugin's contacts, DND and skip records
    dnd = DndGuard.on(engine.getProcessEngine().getProcessEngineConfiguration().getDataSource());
    dnd.contactService().register("lead-42", new ContactAddresses("+1 415 555 0142", "lead-42@example.com",
        null, null, null), Evidence.user("test", null, Instant.now()));
  }

  @Test
  @Deployment(resources = "org/dndguard/test/welcome.bpmn")
  void aLeadInSmsDndGetsTheEmailButNotTheSms() {
    // given
    dnd.dndService().set("lead-42", DndTarget.SMS, Evidence.user("test", "asked not to be texted", Instant.now()));

    // when
    ProcessInstance welcome = runtimeService().startProcessInstanceByKey("welcome",
        withVariables("contactId", "lead-42"));

    // then
    assertThat(welcome).isEnded().variables().containsEntry("emailSent", true).doesNotContainKey("smsSent");
    DndAssertions.assertThat(welcome).hasSkipped("sendWelcomeSms").hasNotSkipped("sendWelcomeEmail");
  }
}
// end::scenario[]
