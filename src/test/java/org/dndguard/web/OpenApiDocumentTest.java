package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.dndguard.web.internal.DndOpenApiCustomizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document against the application's real handler mappings, so that it stays true as
 * endpoints are added: every /api and /webhooks endpoint is in it, with its errors.
 */
@SpringBootTest(classes = org.dndguard.app.DndGuardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options",
      "trace");

  @LocalServerPort
  int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlerMapping;

  ApiHttp http;
  JsonNode document;

  @BeforeEach
  void readDocument() {
    http = ApiHttp.demo(port);
    ApiHttp.Response response = http.anonymous().get("/v3/api-docs");
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    document = response.json();
  }

  @Test
  void everyApiAndWebhookEndpointOfTheApplicationIsDocumented() {
    Map<String, List<String>> endpoints = dndEndpoints();
    assertThat(endpoints).as("the contact API itself").containsKeys("/api/contacts/{id}", "/api/contacts/{id}/dnd",
        "/api/contacts/{id}/dnd/channels/{channel}", "/api/contacts/{id}/dnd/inbound/{channel}",
        "/api/contacts/{id}/dnd/history");

    endpoints.forEach((path, methods) -> {
      JsonNode item = document.path("paths").path(path);
      assertThat(item.isObject()).as("%s is in the OpenAPI document", path).isTrue();
      for (String method : methods) {
        assertThat(item.has(method)).as("%s %s is in the OpenAPI document", method.toUpperCase(Locale.ROOT), path)
            .isTrue();
      }
      if (methods.isEmpty()) {
        assertThat(METHODS.stream().anyMatch(item::has)).as("%s has an operation", path).isTrue();
      }
    });
  }

  @Test
  void everyApiOperationNeedsACamundaLoginAndDocumentsItsErrorsAsProblems() {
    assertThat(document.path("components").path("securitySchemes").path(DndOpenApiCustomizer.SECURITY_SCHEME)
        .toString()).contains("\"type\":\"http\"", "\"scheme\":\"basic\"");

    forEachOperation((path, method, operation) -> {
      if (!path.startsWith("/api/")) {
        return;
      }
      assertThat(operation.path("security").toString()).as("%s %s security", method, path)
          .contains(DndOpenApiCustomizer.SECURITY_SCHEME);
      JsonNode responses = operation.path("responses");
      for (String status : List.of("401", "500")) {
        assertThat(problemSchema(responses.path(status))).as("%s %s answers %s as a problem", method, path, status)
            .isEqualTo("#/components/schemas/Problem");
      }
    });
  }

  @Test
  void everyErrorResponseIsOnlyAProblem() {
    forEachOperation((path, method, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
      if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
        assertThat(response.getValue().path("content").fieldNames()).toIterable()
            .as("%s %s %s", method, path, response.getKey()).containsExactly("application/problem+json");
        assertThat(problemSchema(response.getValue())).as("%s %s %s", method, path, response.getKey())
            .isEqualTo("#/components/schemas/Problem");
      }
    }));
  }

  @Test
  void webhooksNeedNoLogin() {
    // an operation without security of its own inherits the document's
    assertThat(document.path("security").toString()).as("the document's own security")
        .doesNotContain(DndOpenApiCustomizer.SECURITY_SCHEME);
    List<String> webhooks = new ArrayList<>();
    forEachOperation((path, method, operation) -> {
      if (path.startsWith("/webhooks/")) {
        webhooks.add(method + " " + path);
        assertThat(operation.path("security").toString()).as("%s %s", method, path)
            .doesNotContain(DndOpenApiCustomizer.SECURITY_SCHEME);
      }
    });
    assertThat(webhooks).as("the webhook operations in the document").containsExactlyInAnyOrder(
        "post /webhooks/mailgun", "post /webhooks/twilio/sms", "post /webhooks/twilio/status",
        "post /webhooks/twilio/voice");
  }

  @Test
  void theContactApiDocumentsItsErrorsAndExamples() {
    JsonNode paths = document.path("paths");
    JsonNode clear = paths.path("/api/contacts/{id}/dnd/channels/{channel}").path("delete");
    assertThat(clear.path("responses").path("200").path("content").path("application/json").path("example")
        .path("status").asText()).isEqualTo("PARTIAL");
    for (String status : List.of("400", "404", "409")) {
      assertThat(problemSchema(clear.path("responses").path(status))).as(status)
          .isEqualTo("#/components/schemas/Problem");
    }
    assertThat(clear.path("parameters").toString()).contains("\"enum\":[\"CALL\",\"EMAIL\",\"SMS\",\"WHATSAPP\","
        + "\"FACEBOOK\",\"GMB\",\"ALL\"]");
    for (String method : List.of("put", "delete")) {
      JsonNode channel = paths.path("/api/contacts/{id}/dnd/channels/{channel}").path(method).path("parameters");
      JsonNode inbound = paths.path("/api/contacts/{id}/dnd/inbound/{channel}").path(method).path("parameters");
      assertThat(channel.toString()).as(method).contains("\"description\":\"The contact id\"", "\"example\":\"c-42\"",
          "\"description\":\"The channel, or ALL for every channel\"");
      assertThat(inbound.toString()).as(method).contains("\"description\":\"The contact id\"",
          "\"description\":\"CALL or SMS\"", "\"enum\":[\"CALL\",\"SMS\"]");
    }
    JsonNode history = paths.path("/api/contacts/{id}/dnd/history").path("get");
    assertThat(history.path("parameters").toString()).contains("\"maximum\":100", "\"minimum\":1");
    JsonNode put = paths.path("/api/contacts/{id}").path("put");
    assertThat(put.path("requestBody").path("content").path("application/json").path("example").path("phone")
        .asText()).isEqualTo("+1 (415) 555-0100");
    assertThat(document.path("components").path("schemas").path("Problem").path("properties").fieldNames())
        .toIterable().contains("type", "title", "status", "detail", "instance", "field", "validValues", "howToLift");
  }

  @Test
  void theProblemSchemaNamesEveryMemberADocumentedProblemHas() {
    JsonNode schema = document.path("components").path("schemas").path("Problem").path("properties");
    List<String> missing = new ArrayList<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
        operation.getValue().path("responses").fields().forEachRemaining(response -> {
          JsonNode content = response.getValue().path("content").path("application/problem+json");
          List<JsonNode> examples = new ArrayList<>();
          if (content.path("example").isObject()) {
            examples.add(content.path("example"));
          }
          content.path("examples").forEach(example -> examples.add(example.path("value")));
          for (JsonNode example : examples) {
            example.fieldNames().forEachRemaining(member -> {
              if (!schema.has(member)) {
                missing.add(operation.getKey() + " " + path.getKey() + " " + response.getKey() + ": " + member);
              }
            });
          }
        })));
    assertThat(missing).as("members of documented problems that the Problem schema does not describe").isEmpty();
  }

  @Test
  void theDocumentedErrorExamplesAreWhatTheApiAnswers() {
    // given
    String id = "c-" + UUID.randomUUID();
    http.put("/api/contacts/" + id, "{}");

    // when
    JsonNode actual = http.put("/api/contacts/" + id + "/dnd/channels/FAX", null).json();
    JsonNode documented = document.path("paths").path("/api/contacts/{id}/dnd/channels/{channel}").path("put")
        .path("responses").path("400").path("content").path("application/problem+json").path("example");

    // then: the same members and values, but for the contact id in the path
    assertThat(names(actual)).isEqualTo(names(documented));
    for (String member : List.of("type", "title", "status", "detail", "field", "validValues")) {
      assertThat(actual.path(member)).as(member).isEqualTo(documented.path(member));
    }
  }

  @Test
  void swaggerUiIsServed() {
    ApiHttp.Response redirect = http.anonymous().get("/swagger-ui.html");
    ApiHttp.Response page = http.anonymous().get("/swagger-ui/index.html");
    ApiHttp.Response config = http.anonymous().get("/v3/api-docs/swagger-config");

    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/swagger-ui/index.html"));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui");
    assertThat(config.json().path("url").asText()).isEqualTo("/v3/api-docs");
  }

  /** The application's /api and /webhooks paths, as OpenAPI writes them, with their lower case methods. */
  private Map<String, List<String>> dndEndpoints() {
    Map<String, List<String>> endpoints = new TreeMap<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : handlerMapping.getHandlerMethods().entrySet()) {
      for (String pattern : mapping.getKey().getPatternValues()) {
        if (pattern.startsWith("/api/") || pattern.startsWith("/webhooks/")) {
          List<String> methods = endpoints.computeIfAbsent(openApiPath(pattern), p -> new ArrayList<>());
          for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
            methods.add(method.name().toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return endpoints;
  }

  /** {@code /a/{id:\d+}} is {@code /a/{id}} in OpenAPI. */
  private static String openApiPath(String pattern) {
    return pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
  }

  private static String problemSchema(JsonNode response) {
    return response.path("content").path("application/problem+json").path("schema").path("$ref").asText();
  }

  private void forEachOperation(OperationVisitor visitor) {
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (METHODS.contains(op.getKey())) {
        visitor.visit(path.getKey(), op.getKey(), op.getValue());
      }
    }));
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    names.remove("instance");
    return names;
  }

  @FunctionalInterface
  private interface OperationVisitor {
    void visit(String path, String method, JsonNode operation);
  }
}
