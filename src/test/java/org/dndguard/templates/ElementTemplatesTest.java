package org.dndguard.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.dndguard.contact.Channel;
import org.dndguard.engine.internal.StepMark;
import org.dndguard.engine.OnBlocked;
import org.dndguard.engine.QuietHoursMode;
import org.dndguard.engine.internal.StepKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Camunda Modeler element templates of bpmn/.camunda/element-templates: each file is valid
 * against Camunda's element-templates JSON schema, and together they cover every element type
 * DND Guard guards, with the channels and onBlocked values DND Guard accepts.
 */
class ElementTemplatesTest {

  private static final Path TEMPLATES = Path.of("bpmn", ".camunda", "element-templates");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> templates() throws IOException {
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("templates")
  void eachTemplateFileIsValidAgainstTheElementTemplatesSchema(Path template) throws IOException {
    Set<ValidationMessage> problems = schema().validate(JSON.readTree(template.toFile()));

    assertThat(problems).as(template.toString()).isEmpty();
  }

  @Test
  void theSchemaRefusesATemplateWithoutAnId() throws IOException {
    JsonNode template = JSON.readTree("{\"name\": \"no id\", \"appliesTo\": [\"bpmn:Task\"], \"properties\": []}");

    assertThat(schema().validate(template)).as("the schema's complaint names the missing id")
        .anySatisfy(problem -> {
          assertThat(problem.getType()).isEqualTo("required");
          assertThat(problem.getProperty()).isEqualTo("id");
        });
    assertThat(schema().validate(JSON.readTree("{\"id\": \"with-id\", \"name\": \"with id\", \"appliesTo\": "
        + "[\"bpmn:Task\"], \"properties\": []}"))).as("the same template with an id").isEmpty();
  }

  private JsonSchema schema() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("element-templates-schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  /** The templates that mark communication steps (dnd-guard-*.json); the folder holds others too. */
  static Stream<Path> guardTemplates() throws IOException {
    return templates().filter(f -> f.getFileName().toString().startsWith("dnd-guard-"));
  }

  @ParameterizedTest
  @MethodSource("guardTemplates")
  void eachTemplateSetsTheChannelAndOnBlockedWithValuesDndGuardAccepts(Path template) throws IOException {
    for (JsonNode entry : JSON.readTree(template.toFile())) {
      JsonNode channel = property(entry, StepMark.CHANNEL);
      JsonNode onBlocked = property(entry, StepMark.ON_BLOCKED);

      assertThat(values(channel)).containsExactlyInAnyOrderElementsOf(Arrays.stream(Channel.values()).map(Enum::name)
          .toList());
      assertThat(Channel.parse(channel.get("value").asText())).isNotNull();
      assertThat(values(onBlocked)).containsExactlyInAnyOrderElementsOf(Arrays.stream(OnBlocked.values())
          .map(OnBlocked::value).toList());
      assertThat(onBlocked.get("value").asText()).isEqualTo("skip");
    }
  }

  @ParameterizedTest
  @MethodSource("guardTemplates")
  void eachTemplateOffersTheTopicAndQuietHoursWithValuesDndGuardAccepts(Path template) throws IOException {
    for (JsonNode entry : JSON.readTree(template.toFile())) {
      JsonNode topic = property(entry, StepMark.TOPIC);
      JsonNode quietHours = property(entry, StepMark.QUIET_HOURS);

      assertThat(topic.get("type").asText()).isEqualTo("String");
      // empty means no topic: the step is parsed as one about none
      assertThat(StepMark.parse("p", "a", StepKind.SEND_TASK, java.util.Map.of(StepMark.CHANNEL, "SMS",
          StepMark.TOPIC, topic.get("value").asText())).orElseThrow().topicValue()).isNull();
      assertThat(values(quietHours)).containsExactlyInAnyOrderElementsOf(Arrays.stream(QuietHoursMode.values())
          .map(QuietHoursMode::value).toList());
      assertThat(quietHours.get("value").asText()).isEqualTo("defer");
    }
  }

  @ParameterizedTest
  @MethodSource("guardTemplates")
  void eachTemplateOffersOnLimitedAndTheExemptMarkWithValuesDndGuardAccepts(Path template) throws IOException {
    for (JsonNode entry : JSON.readTree(template.toFile())) {
      JsonNode onLimited = property(entry, StepMark.ON_LIMITED);
      JsonNode limit = property(entry, StepMark.LIMIT);

      assertThat(values(onLimited)).containsExactlyInAnyOrderElementsOf(Arrays.stream(
          org.dndguard.engine.OnLimited.values()).map(org.dndguard.engine.OnLimited::value).toList());
      assertThat(onLimited.get("value").asText()).isEqualTo("defer");
      assertThat(values(limit)).containsExactlyInAnyOrder("", StepMark.EXEMPT);
      // the default (empty) is a limited step; exempt is parsed as one
      assertThat(StepMark.parse("p", "a", StepKind.SEND_TASK, java.util.Map.of(StepMark.CHANNEL, "SMS",
          StepMark.LIMIT, limit.get("value").asText())).orElseThrow().limitExempt()).isFalse();
      assertThat(StepMark.parse("p", "a", StepKind.SEND_TASK, java.util.Map.of(StepMark.CHANNEL, "SMS",
          StepMark.LIMIT, StepMark.EXEMPT)).orElseThrow().limitExempt()).isTrue();
    }
  }

  @Test
  void theTemplatesCoverEveryGuardedElementType() throws IOException {
    List<String> appliesTo = new ArrayList<>();
    for (Path template : guardTemplates().toList()) {
      for (JsonNode entry : JSON.readTree(template.toFile())) {
        entry.get("appliesTo").forEach(type -> appliesTo.add(type.asText()));
      }
    }

    assertThat(appliesTo).containsExactlyInAnyOrder("bpmn:ServiceTask", "bpmn:SendTask", "bpmn:ScriptTask",
        "bpmn:BusinessRuleTask", "bpmn:UserTask", "bpmn:IntermediateThrowEvent", "bpmn:EndEvent");
  }

  private static JsonNode property(JsonNode template, String name) {
    for (JsonNode property : template.get("properties")) {
      JsonNode binding = property.get("binding");
      if ("camunda:property".equals(binding.get("type").asText()) && name.equals(binding.get("name").asText())) {
        return property;
      }
    }
    throw new AssertionError(template.get("id") + " does not bind " + name);
  }

  private static List<String> values(JsonNode dropdown) {
    List<String> values = new ArrayList<>();
    dropdown.get("choices").forEach(choice -> values.add(choice.get("value").asText()));
    return values;
  }
}
