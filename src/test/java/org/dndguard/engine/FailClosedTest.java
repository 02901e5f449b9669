package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.camunda.DndGuardPlugin;
import org.dndguard.test.DndAssertions;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * DND Guard fails closed: when it cannot tell whether a contact may be reached, the step fails
 * with a message that names the step and what was wrong, and its work does not run.
 */
class FailClosedTest extends EngineScenarioTest {

  @Test
  @Deployment(resources = "org/dndguard/engine/AsyncStep.bpmn")
  void anAsyncStepWithoutAContactIdLeavesAnIncidentNamingTheStepAndWhatIsMissing() {
    // given an instance with neither the contact variable nor a business key
    ProcessInstance instance = processEngine().getRuntimeService().startProcessInstanceByKey("AsyncStep");

    // when its job has used up its retries
    while (job(instance).getRetries() > 0) {
      assertThatThrownBy(() -> executeJob(instance)).isInstanceOf(DndGuardException.class);
    }

    // then
    Incident incident = processEngine().getRuntimeService().createIncidentQuery()
        .processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("sendSms");
    assertThat(incident.getIncidentMessage()).isEqualTo("DND Guard could not check step 'sendSms' (send task) of"
        + " process 'AsyncStep', so it did not run: no contact id: the variable 'contactId' is not set and the"
        + " process instance has no business key; set the variable, start the instance with the contact id as"
        + " business key, or name the contact with dnd.contact");
    assertThat(sent(instance)).isEmpty();
    assertThat(instance).isWaitingAt("sendSms");
    DndAssertions.assertThat(instance).hasNoSkipRecords();
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/elements/serviceTask.bpmn")
  void anUnknownContactRollsTheSynchronousStepBack() {
    String unknown = "c-unknown-" + UUID.randomUUID();

    assertThatThrownBy(() -> start("serviceTask", unknown))
        .isInstanceOf(DndGuardException.class)
        .hasMessageContaining("step 'step' (service task) of process 'serviceTask', so it did not run: Contact "
            + unknown + " is not registered with DND Guard; register it first");

    assertThat(processEngine().getHistoryService().createHistoricVariableInstanceQuery().variableName("contactId")
        .variableValueEquals("contactId", unknown).count()).as("nothing of the rolled back start").isZero();
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/elements/serviceTask.bpmn")
  void theBusinessKeyIsTheContactWhenThereIsNoContactVariable() {
    String contact = newContact();
    setDnd(contact, DndTarget.SMS);

    ProcessInstance instance = processEngine().getRuntimeService().startProcessInstanceByKey("serviceTask", contact);

    assertThat(sent(instance)).isEmpty();
    assertThat(skipRecords(instance)).singleElement()
        .satisfies(record -> assertThat(record.contactId()).isEqualTo(contact));
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/ExpressionStep.bpmn")
  void channelAndContactExpressionsAreEvaluatedWhenTheStepRuns() {
    String lead = newContact();
    setDnd(lead, DndTarget.EMAIL);

    ProcessInstance emailed = processEngine().getRuntimeService().startProcessInstanceByKey("ExpressionStep",
        Map.of("preferredChannel", "email", "lead", lead));
    ProcessInstance texted = processEngine().getRuntimeService().startProcessInstanceByKey("ExpressionStep",
        Map.of("preferredChannel", "sms", "lead", lead));

    assertThat(sent(emailed)).isEmpty();
    assertThat(skipRecords(emailed)).singleElement()
        .satisfies(record -> assertThat(record.channel()).isEqualTo(Channel.EMAIL));
    assertThat(sent(texted)).containsExactly("sendPreferred");
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/ExpressionStep.bpmn")
  void aChannelExpressionThatGivesNoChannelFailsTheStep() {
    String lead = newContact();

    assertThatThrownBy(() -> processEngine().getRuntimeService().startProcessInstanceByKey("ExpressionStep",
        Map.of("preferredChannel", "PIGEON", "lead", lead)))
        .isInstanceOf(DndGuardException.class)
        .hasMessageContaining("step 'sendPreferred' (send task) of process 'ExpressionStep', so it did not run:"
            + " dnd.channel '${preferredChannel}' evaluated to 'PIGEON', which is not a channel");
  }

  @Test
  @Deployment(resources = "org/dndguard/engine/ExpressionStep.bpmn")
  void aContactExpressionThatFailsFailsTheStep() {
    assertThatThrownBy(() -> processEngine().getRuntimeService().startProcessInstanceByKey("ExpressionStep",
        Map.of("preferredChannel", "SMS")))
        .isInstanceOf(DndGuardException.class)
        .hasMessageContaining("so it did not run: dnd.contact '${lead}' could not be evaluated");
  }

  @Test
  void aDndStoreThatCannotAnswerFailsTheStep() throws Exception {
    // given DND Guard on a store that has lost its DND table, guarding an engine of its own
    DataSource store = TestDatabases.h2();
    DndGuard brokenGuard = DndGuard.on(store);
    String contact = "c-" + UUID.randomUUID();
    brokenGuard.contactService().register(contact, ContactAddresses.none(), Evidence.user("test",
        java.time.Instant.now()));
    try (Connection connection = store.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE DND_ENTRY");
    }
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName("dnd-broken-store")
        .setJdbcUrl("jdbc:h2:mem:dnd-broken-store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .setJobExecutorActivate(false);
    configuration.getProcessEnginePlugins().add(new DndGuardPlugin(brokenGuard.stepGuard()));
    ProcessEngine brokenEngine = configuration.buildProcessEngine();
    try {
      brokenEngine.getRepositoryService().createDeployment()
          .addClasspathResource("org/dndguard/engine/elements/serviceTask.bpmn").deploy();

      // when / then
      assertThatThrownBy(() -> brokenEngine.getRuntimeService().startProcessInstanceByKey("serviceTask",
          Map.of("contactId", contact)))
          .isInstanceOf(DndGuardException.class)
          .hasMessageContaining("step 'step' (service task) of process 'serviceTask', so it did not run: the DND"
              + " store could not answer for contact " + contact);
      assertThat(brokenEngine.getHistoryService().createHistoricProcessInstanceQuery().count()).isZero();
    } finally {
      brokenEngine.close();
    }
  }
}
