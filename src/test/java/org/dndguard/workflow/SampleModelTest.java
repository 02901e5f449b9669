package org.dndguard.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TextAnnotation;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;

/**
 * The sample {@code bpmn/dnd-changed-review.bpmn} is for people to open in Camunda Modeler: every
 * element must have its place in the diagram. (That it deploys and runs, the trigger tests show.)
 */
class SampleModelTest {

  private final BpmnModelInstance sample = Bpmn.readModelFromFile(new File("bpmn/dnd-changed-review.bpmn"));

  @Test
  void everyElementIsDrawn() {
    Set<String> shapes = ids(sample.getModelElementsByType(BpmnShape.class).stream()
        .map(BpmnShape::getBpmnElement));
    Set<String> edges = ids(sample.getModelElementsByType(BpmnEdge.class).stream()
        .map(edge -> (BaseElement) edge.getBpmnElement()));

    assertThat(shapes).containsAll(ids(Stream.concat(sample.getModelElementsByType(FlowNode.class).stream(),
        sample.getModelElementsByType(TextAnnotation.class).stream())));
    assertThat(edges).containsAll(ids(Stream.concat(sample.getModelElementsByType(SequenceFlow.class).stream(),
        sample.getModelElementsByType(Association.class).stream())));
  }

  @Test
  void itGivesTheRemovalTheParameterTheBeanReads() {
    ServiceTask removal = sample.getModelElementById("removeFromAllWorkflows");
    CamundaInputOutput io = removal.getExtensionElements().getElementsQuery()
        .filterByType(CamundaInputOutput.class).singleResult();

    assertThat(removal.getCamundaDelegateExpression()).isEqualTo("${removeFromAllWorkflows}");
    assertThat(io.getCamundaInputParameters()).extracting(CamundaInputParameter::getCamundaName)
        .containsExactly(RemoveFromAllWorkflowsDelegate.DELETE_REASON);
  }

  private static Set<String> ids(Stream<? extends BaseElement> elements) {
    return elements.map(BaseElement::getId).collect(Collectors.toSet());
  }
}
