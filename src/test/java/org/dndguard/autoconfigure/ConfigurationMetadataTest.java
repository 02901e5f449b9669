package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every property of DND Guard's configuration records is in {@code spring-configuration-metadata.json}
 * with a description, and with its default when it has one, so that an IDE completes and explains
 * every {@code dnd.*} key. The records are walked by reflection: a property added later is checked too.
 */
class ConfigurationMetadataTest {

  @Test
  void everyPropertyOfTheDndRecordsHasADescriptionAndItsDefault() throws IOException {
    Map<String, JsonNode> metadata = metadata();
    List<Property> properties = new ArrayList<>();
    walk(DndProperties.PREFIX, DndProperties.class, properties);

    assertThat(properties).as("the records were walked").hasSizeGreaterThan(40)
        .extracting(Property::name).contains("dnd.enabled", "dnd.api.base-path",
            "dnd.authorization.reader-groups", "dnd.messaging.dispatch.batch-size", "dnd.webhooks.twilio.auth-token");
    for (Property property : properties) {
      JsonNode entry = metadata.get(property.name());
      assertThat(entry).as("%s is in the metadata", property.name()).isNotNull();
      assertThat(entry.path("description").asText()).as("%s has a description", property.name()).isNotBlank();
      if (property.hasDefault()) {
        assertThat(entry.has("defaultValue")).as("%s has its default in the metadata", property.name()).isTrue();
      }
    }
  }

  @Test
  void theMetadataNamesNoPropertyTheRecordsDoNotHave() throws IOException {
    List<Property> properties = new ArrayList<>();
    walk(DndProperties.PREFIX, DndProperties.class, properties);
    List<String> names = properties.stream().map(Property::name).toList();

    assertThat(metadata().keySet()).filteredOn(name -> name.startsWith("dnd.") && !name.startsWith("dnd.app."))
        .allSatisfy(name -> assertThat(names).contains(name));
  }

  private static void walk(String prefix, Class<?> type, List<Property> properties) {
    for (RecordComponent component : type.getRecordComponents()) {
      String name = prefix + "." + kebab(component.getName());
      DefaultValue defaultValue = component.getAnnotation(DefaultValue.class);
      if (component.getType().isRecord()) {
        walk(name, component.getType(), properties);
      } else {
        properties.add(new Property(name, defaultValue != null && defaultValue.value().length > 0));
      }
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static Map<String, JsonNode> metadata() throws IOException {
    Map<String, JsonNode> byName = new HashMap<>();
    try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor wrote the metadata").isNotNull();
      for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
        byName.put(property.path("name").asText(), property);
      }
    }
    return byName;
  }

  private record Property(String name, boolean hasDefault) {
  }
}
