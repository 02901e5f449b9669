package org.dndguard.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.dndguard.contact.Channel;
import org.dndguard.engine.internal.StepMark;
import org.dndguard.messaging.SendMessageDelegate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The send-message templates fix each built-in delegate's channel, and the sample models of bpmn/
 * carry {@code camunda:modelerTemplate} where a template applies, with what that template sets:
 * Camunda Modeler then shows them with the template applied, and its fields hold the model's values.
 */
class SampleModelTemplatesTest {

  private static final Path TEMPLATES = Path.of("bpmn", ".camunda", "element-templates");
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList().stream();
    }
  }

  @Test
  void eachBuiltInSendDelegateHasATemplateThatFixesItsChannelAndAsksForItsInputs() throws IOException {
    Map<String, String> channelOfBean = Map.of("sendSms", "SMS", "sendEmail", "EMAIL", "sendWhatsApp", "WHATSAPP",
        "sendFacebook", "FACEBOOK", "sendGmb", "GMB");
    for (Map.Entry<String, String> bean : channelOfBean.entrySet()) {
      JsonNode template = templates().get("org.dndguard." + bean.getKey());

      assertThat(template).as("template org.dndguard.%s", bean.getKey()).isNotNull();
      assertThat(hidden(template, "property", "camunda:delegateExpression")).isEqualTo("${" + bean.getKey() + "}");
      assertThat(Channel.parse(hidden(template, "camunda:property", StepMark.CHANNEL)).name()).isEqualTo(bean.getValue());
      assertThat(binding(template, "camunda:inputParameter", SendMessageDelegate.BODY)).isNotNull();
      assertThat(binding(template, "camunda:inputParameter", SendMessageDelegate.SUBJECT) != null)
          .as("only the e-mail asks for a subject").isEqualTo(bean.getValue().equals("EMAIL"));
      assertThat(binding(template, "camunda:property", StepMark.CONTACT).get("value").asText()).isEqualTo("${contactId}");
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyElementOfASampleThatNamesATemplateHasWhatTheTemplateSets(Path sample) throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(sample.toFile());
    Map<String, JsonNode> templates = templates();

    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      String templateId = element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
      if (templateId == null) {
        continue;
      }
      JsonNode template = templates.get(templateId);
      assertThat(template).as("%s of %s names the unknown template %s", element.getId(), sample, templateId).isNotNull();
      assertThat(element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion"))
          .isEqualTo(template.get("version").asText());
      String typeName = element.getElementType().getTypeName();
      assertThat(template.get("appliesTo").toString())
          .contains("bpmn:" + Character.toUpperCase(typeName.charAt(0)) + typeName.substring(1));
      for (JsonNode property : template.get("properties")) {
        assertHolds(sample, element, property);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everySendTaskOfTheBuiltInDelegatesCarriesItsTemplate(Path sample) {
    BpmnModelInstance model = Bpmn.readModelFromFile(sample.toFile());

    for (SendTask task : model.getModelElementsByType(SendTask.class)) {
      String expression = task.getCamundaDelegateExpression();
      if (expression != null && expression.matches("\\$\\{send\\w+}")) {
        assertThat(task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate"))
            .as("%s of %s", task.getId(), sample)
            .isEqualTo("org.dndguard." + expression.substring(2, expression.length() - 1));
      }
    }
  }

  private static void assertHolds(Path sample, BaseElement element, JsonNode property) {
    JsonNode binding = property.get("binding");
    String type = binding.get("type").asText();
    String name = binding.get("name").asText();
    String where = element.getId() + " of " + sample + ", " + type + " " + name;
    String actual = switch (type) {
      case "property" -> element.getAttributeValueNs(CAMUNDA_NS, name.substring(name.indexOf(':') + 1));
      case "camunda:property" -> camundaProperties(element).get(name);
      case "camunda:inputParameter" -> inputParameters(element).get(name);
      default -> throw new AssertionError(where + ": a binding this test does not know; add it");
    };
    if ("Hidden".equals(property.get("type").asText())) {
      assertThat(actual).as(where).isEqualTo(property.get("value").asText());
    } else if (property.has("constraints") && property.get("constraints").path("notEmpty").asBoolean()) {
      assertThat(actual).as(where).isNotBlank();
    }
    if ("Dropdown".equals(property.get("type").asText()) && actual != null) {
      List<String> choices = new ArrayList<>();
      property.get("choices").forEach(choice -> choices.add(choice.get("value").asText()));
      assertThat(choices).as(where).contains(actual);
    }
  }

  private static Map<String, String> camundaProperties(BaseElement element) {
    Map<String, String> values = new HashMap<>();
    if (element.getExtensionElements() != null) {
      element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()
          .forEach(properties -> properties.getCamundaProperties()
              .forEach((CamundaProperty p) -> values.put(p.getCamundaName(), p.getCamundaValue())));
    }
    return values;
  }

  private static Map<String, String> inputParameters(BaseElement element) {
    Map<String, String> values = new HashMap<>();
    if (element.getExtensionElements() != null) {
      element.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()
          .forEach(io -> io.getCamundaInputParameters()
              .forEach((CamundaInputParameter p) -> values.put(p.getCamundaName(), p.getTextContent())));
    }
    return values;
  }

  private static Map<String, JsonNode> templates() throws IOException {
    Map<String, JsonNode> byId = new HashMap<>();
    for (Path file : ElementTemplatesTest.templates().toList()) {
      for (JsonNode template : JSON.readTree(file.toFile())) {
        byId.put(template.get("id").asText(), template);
      }
    }
    return byId;
  }

  private static String hidden(JsonNode template, String type, String name) {
    JsonNode property = binding(template, type, name);
    assertThat(property).as("%s binds %s %s", template.get("id"), type, name).isNotNull();
    assertThat(property.get("type").asText()).isEqualTo("Hidden");
    return property.get("value").asText();
  }

  private static JsonNode binding(JsonNode template, String type, String name) {
    for (JsonNode property : template.get("properties")) {
      JsonNode binding = property.get("binding");
      if (type.equals(binding.get("type").asText()) && name.equals(binding.get("name").asText())) {
        return property;
      }
    }
    return null;
  }
}
