package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.dndguard.contact.DndTarget;
import org.junit.jupiter.api.Test;

/**
 * The skip records of one engine command are written together when the command flushes, on its
 * connection: they commit with the steps that were skipped, in the order the steps ran, and vanish
 * with them when something later in the same command fails.
 */
class SkipRecordBatchTest extends EngineScenarioTest {

  @Test
  void theRecordsOfACommandCommitWithItInTheOrderTheStepsRan() {
    String contact = newContact();
    setDnd(contact, DndTarget.ALL);
    deploy(model("ThreeSkips", "${true}"));

    ProcessInstance instance = start("ThreeSkips", contact);

    assertThat(skipRecords(instance)).extracting(SkipRecord::activityId)
        .containsExactly("sendSms", "sendEmail", "sendWhatsapp");
    assertThat(skipRecords(instance)).extracting(SkipRecord::outcome).containsOnly(StepOutcome.SKIPPED);
  }

  @Test
  void theRecordsRollBackWithACommandThatFailsAfterTheSkips() {
    String contact = newContact();
    setDnd(contact, DndTarget.ALL);
    // the last task's expression names a bean that does not exist: the start fails after three skips
    deploy(model("ThreeSkipsThenFailure", "${noSuchBean.run()}"));

    assertThatThrownBy(() -> processEngine().getRuntimeService().startProcessInstanceByKey("ThreeSkipsThenFailure",
        Map.of("contactId", contact)))
        .hasMessageContaining("noSuchBean");

    assertThat(dnd().skipRecords().query().contactId(contact).count()).isZero();
  }

  private void deploy(BpmnModelInstance model) {
    engine.manageDeployment(processEngine().getRepositoryService().createDeployment()
        .addModelInstance(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
            .iterator().next().getId() + ".bpmn", model)
        .deploy());
  }

  /** Three marked steps whose work does nothing, then an unmarked task running {@code lastExpression}. */
  private static BpmnModelInstance model(String key, String lastExpression) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).startEvent()
        .serviceTask("sendSms").camundaExpression("${true}")
        .serviceTask("sendEmail").camundaExpression("${true}")
        .serviceTask("sendWhatsapp").camundaExpression("${true}")
        .serviceTask("last").camundaExpression(lastExpression)
        .endEvent().done();
    for (var step : List.of(List.of("sendSms", "SMS"), List.of("sendEmail", "EMAIL"),
        List.of("sendWhatsapp", "WHATSAPP"))) {
      ServiceTask task = model.getModelElementById(step.get(0));
      CamundaProperty channel = model.newInstance(CamundaProperty.class);
      channel.setCamundaName("dnd.channel");
      channel.setCamundaValue(step.get(1));
      CamundaProperties properties = model.newInstance(CamundaProperties.class);
      properties.addChildElement(channel);
      ExtensionElements extensions = model.newInstance(ExtensionElements.class);
      extensions.addChildElement(properties);
      task.setExtensionElements(extensions);
    }
    return model;
  }
}
