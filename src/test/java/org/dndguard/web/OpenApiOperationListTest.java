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
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The reference application's OpenAPI operations (method, path, operationId, and per response
 * code its media types) are exactly those in {@code openapi-operations.txt}, which was written
 * from the code before the OpenAPI annotations were shared. A refactoring of the annotations must
 * leave this list alone; a new or changed endpoint changes the file in the same commit, so the
 * change is reviewed. On a mismatch the actual list is written to
 * {@code target/openapi-operations.actual.txt}.
 */
@SpringBootTest(classes = org.dndguard.app.DndGuardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiOperationListTest {

  private static final String EXPECTED = "openapi-operations.txt";

  @LocalServerPort
  int port;

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
