package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The reference application's OpenAPI operations (method, path, operationId, and per response
 * code its media types) are exactly those in {@code openapi-operations.txt}, whose operations are
 * in turn checked against the controllers' request mappings read by reflection. A refactoring of the annotations must
 * leave this list alone; a new or changed endpoint changes the file in the same commit, so the
 * change is reviewed. On a mismatch the actual list is written to
 * {@code target/openapi-operations.actual.txt}.
 */
@SpringBootTest(classes = org.dndguard.app.DndGuardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiOperationListTest {

  private static final String EXPECTED = "openapi-operations.txt";

  /** The paths of DND Guard's own endpoints in the reference application. */
  private static final List<String> DOCUMENTED_PREFIXES = List.of("/api/", "/webhooks/", "/unsubscribe/");

  @LocalServerPort
  int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlerMapping;

  @Test
  void theDocumentListsTheSameOperationsAndResponsesAsBefore() throws IOException {
    // given
    String expected = expected();

    // when
    ApiHttp.Response response = ApiHttp.demo(port).anonymous().get("/v3/api-docs");
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    String actual = String.join("\n", operations(response.json())) + "\n";

    // then
    if (!actual.equals(expected)) {
      Files.writeString(Path.of("target", "openapi-operations.actual.txt"), actual);
    }
    assertThat(actual).as("the OpenAPI operation list (actual in target/openapi-operations.actual.txt)")
        .isEqualTo(expected);
  }

  @Test
  void theListNamesExactlyTheOperationsOfTheControllers() throws IOException {
    // given: the operations of the list, and those of the controllers' mappings read by reflection
    // (an independent source: a list copied from a document that lacks an endpoint misses it too)
    Set<String> listed = new TreeSet<>();
    for (String line : expected().split("\n")) {
      if (!line.isBlank() && !line.startsWith(" ")) {
        String[] words = line.split(" ");
        listed.add(words[0] + " " + words[1]);
      }
    }
    Set<String> mapped = new TreeSet<>();
    for (RequestMappingInfo mapping : handlerMapping.getHandlerMethods().keySet()) {
      for (String pattern : mapping.getPatternValues()) {
        if (DOCUMENTED_PREFIXES.stream().anyMatch(pattern::startsWith)) {
          for (RequestMethod method : mapping.getMethodsCondition().getMethods()) {
            mapped.add(method.name() + " " + pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}"));
          }
        }
      }
    }

    // then
    assertThat(mapped).as("the controllers have DND Guard endpoints").contains("POST /webhooks/twilio/sms",
        "GET /api/contacts/{id}/dnd");
    assertThat(listed).as("%s against the controllers' request mappings", EXPECTED).isEqualTo(mapped);
  }

  /** Per operation, sorted by path and method: a line with its operationId, then one per response code. */
  static List<String> operations(JsonNode document) {
    TreeMap<String, List<String>> operations = new TreeMap<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (!op.getValue().has("responses")) {
        return;
      }
      String operation = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
      List<String> lines = new ArrayList<>();
      lines.add(operation + " operationId=" + op.getValue().path("operationId").asText("-"));
      TreeMap<String, String> responses = new TreeMap<>();
      op.getValue().path("responses").fields().forEachRemaining(r -> {
        List<String> media = new ArrayList<>();
        r.getValue().path("content").fieldNames().forEachRemaining(media::add);
        responses.put(r.getKey(), String.join(",", media.stream().sorted().toList()));
      });
      responses.forEach((status, media) -> lines.add("    " + status + " " + media));
      operations.put(path.getKey() + " " + op.getKey(), lines);
    }));
    return operations.values().stream().flatMap(List::stream).toList();
  }

  private static String expected() throws IOException {
    try (InputStream in = OpenApiOperationListTest.class.getResourceAsStream(EXPECTED)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
