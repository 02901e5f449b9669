package org.dndguard.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler templates of the workflow actions name the beans and input parameters that
 * the delegates really read, so a renamed parameter cannot leave the templates behind.
 */
class WorkflowElementTemplatesTest {

  private final JsonNode templates = read("bpmn/.camunda/element-templates/dnd-workflow-actions.json");

  @Test
  void theDndContactTemplateSetsEveryParameterOfUpdateDnd() {
    JsonNode template = template("org.dndguard.updateDnd");

    assertThat(delegateExpression(template)).isEqualTo("${updateDnd}");
    assertThat(inputParameters(template)).containsExactlyInAnyOrder(UpdateDndDelegate.CHANNELS, UpdateDndDelegate.DND,
        UpdateDndDelegate.DIRECTION, UpdateDndDelegate.NOTE, UpdateDndDelegate.ON_REFUSED);
  }

  @Test
  void theRemovalTemplateSetsTheDeleteReason() {
    JsonNode template = template("org.dndguard.removeFromAllWorkflows");

    assertThat(delegateExpression(template)).isEqualTo("${removeFromAllWorkflows}");
    assertThat(inputParameters(template)).containsExactly(RemoveFromAllWorkflowsDelegate.DELETE_REASON);
  }

  private JsonNode template(String id) {
    for (JsonNode template : templates) {
      if (template.get("id").asText().equals(id)) {
        return template;
      }
    }
    throw new AssertionError("No element template " + id);
  }

  private static String delegateExpression(JsonNode template) {
    for (JsonNode property : template.get("properties")) {
      if (property.at("/binding/name").asText().equals("camunda:delegateExpression")) {
        return property.get("value").asText();
      }
    }
    return null;
  }

  private static List<String> inputParameters(JsonNode template) {
    List<String> names = new ArrayList<>();
    for (JsonNode property : template.get("properties")) {
      if (property.at("/binding/type").asText().equals("camunda:inputParameter")) {
        names.add(property.at("/binding/name").asText());
      }
    }
    return names;
  }

  private static JsonNode read(String path) {
    try {
      return new ObjectMapper().readTree(new File(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
