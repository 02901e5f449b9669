package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.repository.Deployment;
import org.dndguard.contact.DndTarget;
import org.junit.jupiter.api.Test;

/**
 * Review: a mark that DND Guard cannot honour must fail the deployment (DESIGN.md, "How a designer
 * marks a step"; README "What fails a deployment": "a misspelt dnd.* property"). A mark whose
 * prefix is written in another case is silently ignored, and the step sends to a contact in DND.
 */
class EngineReviewTest extends EngineScenarioTest {

  private static final String MODEL = """
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="review">
        <bpmn:process id="reviewCase" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="start"/>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sendSms"/>
          <bpmn:serviceTask id="sendSms" camunda:delegateExpression="${sendSms}">
            <bpmn:extensionElements>
              <camunda:properties>
                <camunda:property name="DND.channel" value="SMS"/>
              </camunda:properties>
            </bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="f2" sourceRef="sendSms" targetRef="end"/>
          <bpmn:endEvent id="end"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Test
  void aMarkWithItsPrefixInAnotherCaseIsRefusedRatherThanIgnored() {
    String contact = newContact();
    setDnd(contact, DndTarget.SMS);

    Deployment[] deployed = new Deployment[1];
    try {
      assertThatThrownBy(() -> deployed[0] = processEngine().getRepositoryService().createDeployment()
          .addString("reviewCase.bpmn", MODEL).deploy())
          .as("a deployment whose mark DND Guard does not read").isNotNull();
    } finally {
      if (deployed[0] != null) {
        var instance = start("reviewCase", contact);
        assertThat(sent(instance)).as("what the step sent to a contact in SMS DND").isEmpty();
        processEngine().getRepositoryService().deleteDeployment(deployed[0].getId(), true);
      }
    }
  }
}
