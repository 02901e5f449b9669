package org.dndguard.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Adds to the OpenAPI document what DND Guard's endpoints share, so that no endpoint can forget it:
 * HTTP Basic with a Camunda user on every {@code /api} operation (webhooks check a signature
 * instead), the schema of their problem+json answers, the 401 and 403 problems that every
 * {@code /api} operation may answer (and the 413 of one with a body, the 415 of a {@code POST}, which
 * {@link DndApiFilter} answers before any controller), and the 500 problem that every {@code /api}
 * and webhook operation may answer. As the {@link OperationCustomizer} of the controllers' operations it
 * makes every error response they declare problem+json, so that their annotations state only the
 * status, the description and an example.
 */
public class DndOpenApiCustomizer implements OpenApiCustomizer, OperationCustomizer {

  /** The name of the security scheme: HTTP Basic with a Camunda user. */
  public static final String SECURITY_SCHEME = "camundaUser";

  /** The name of the problem+json schema (RFC 9457) with DND Guard's extension members. */
  public static final String PROBLEM_SCHEMA = "Problem";

  private final String apiBasePath;
  private final String webhooksBasePath;

  /** With the library's default base paths, {@code /dnd/api} and {@code /dnd/webhooks}. */
  public DndOpenApiCustomizer() {
    this("/dnd/api", "/dnd/webhooks");
  }

  /**
   * @param apiBasePath {@code dnd.api.base-path}
   * @param webhooksBasePath {@code dnd.webhooks.base-path}
   */
  public DndOpenApiCustomizer(String apiBasePath, String webhooksBasePath) {
    this.apiBasePath = apiBasePath;
    this.webhooksBasePath = webhooksBasePath;
  }

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getPaths() == null) {
      return;
    }
    Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
    openApi.setComponents(components);
    components.addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("basic")
        .description("HTTP Basic with the id and password of a Camunda user, the users Cockpit and Admin know;"
            + " the user's Camunda groups decide what it may do (dnd.authorization.*)"));
    components.addSchemas(PROBLEM_SCHEMA, problemSchema());
    openApi.getPaths().forEach((path, item) -> {
      boolean api = path.equals(apiBasePath) || path.startsWith(apiBasePath + "/");
      boolean webhook = path.equals(webhooksBasePath) || path.startsWith(webhooksBasePath + "/");
      if (api || webhook) {
        item.readOperationsMap().forEach((method, operation) -> {
          if (api) {
            operation.addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
            addIfAbsent(operation, "401", "No or wrong credentials; the WWW-Authenticate header has the challenge",
                ApiExamples.UNAUTHORIZED);
            addIfAbsent(operation, "403", "The user's Camunda groups do not grant the permission the operation needs;"
                + " the problem names it", ApiExamples.PERMISSION_MISSING);
            // DndApiFilter's answers, before any controller reads the request
            if (operation.getRequestBody() != null) {
              addIfAbsent(operation, "413", "The body is over dnd.api.max-body-size (64 KiB by default); it was not"
                  + " read, and nothing changed", ApiExamples.REQUEST_TOO_LARGE);
            }
            if (method == PathItem.HttpMethod.POST) {
              addIfAbsent(operation, "415", "Not Content-Type: application/json, which every POST needs, also"
                  + " without a body (a browser sends other types cross-site without asking); nothing changed",
                  ApiExamples.JSON_REQUIRED);
            }
          }
          addIfAbsent(operation, "500", "An unexpected error; the problem's errorId finds the cause in the server log",
              ApiExamples.INTERNAL_ERROR);
        });
      }
    });
  }

  /**
   * Every 4xx and 5xx of DND Guard's controllers is answered as problem+json (ProblemDetailsAdvice
   * and the other problem handlers), whatever the operation produces when it succeeds; springdoc
   * would give a response declared without content the operation's media types and return type.
   * The example a declaration gives is kept.
   */
  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    boolean ours = handlerMethod.getBeanType().getPackageName().equals(DndOpenApiCustomizer.class.getPackageName());
    if (ours && operation.getResponses() != null) {
      operation.getResponses().forEach((status, response) -> {
        if (status.startsWith("4") || status.startsWith("5")) {
          response.setContent(problem(declaredExample(response)));
        }
      });
    }
    return operation;
  }

  /** The example of whichever media type springdoc put the declared one under, or an empty media type. */
  private static MediaType declaredExample(ApiResponse response) {
    MediaType declared = new MediaType();
    if (response.getContent() != null) {
      response.getContent().values().stream().filter(type -> type.getExample() != null || type.getExamples() != null)
          .findFirst().ifPresent(type -> declared.example(type.getExample()).examples(type.getExamples()));
    }
    return declared;
  }

  /**
   * RFC 9457's members and the extension members DND Guard adds; written out because Spring's
   * {@code ProblemDetail} class holds extensions in a map that Jackson flattens, which a schema
   * read from the class would show as a nested object.
   */
  private static Schema<Object> problemSchema() {
    Schema<Object> problem = new ObjectSchema()
        .description("An error, as application/problem+json (RFC 9457). Besides the standard members, DND"
            + " Guard adds members that say more, per problem type.")
        .addProperty("type", new StringSchema().format("uri-reference").description("The problem type:"
            + " urn:dndguard:problem:invalid-input, urn:dndguard:problem:contact-not-found,"
            + " urn:dndguard:problem:dnd-change-refused and the others the operation lists, or, for plain HTTP"
            + " errors, urn:dndguard:problem: and the status's name (unauthorized, not-found, method-not-allowed,"
            + " internal-server-error)"))
        .addProperty("title", new StringSchema().description("A short summary of the problem type"))
        .addProperty("status", new IntegerSchema().description("The HTTP status"))
        .addProperty("detail", new StringSchema().description("What went wrong with this request and how to fix"
            + " it"))
        .addProperty("instance", new StringSchema().format("uri-reference").description("The request path"))
        .addProperty("field", new StringSchema().description("invalid-input: the input that was wrong"))
        .addProperty("validValues", new ArraySchema().items(new StringSchema())
            .description("invalid-input: the values the field accepts, where there is a list"))
        .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema()))
            .description("invalid-input: every constraint the body broke, when it broke several"))
        .addProperty("contactId", new StringSchema().description("contact-not-found, dnd-change-refused and the"
            + " problems of a message that was not queued: the contact"))
        .addProperty("channel", new StringSchema().description("dnd-change-refused: the channel, ALL,"
            + " INBOUND_CALL or INBOUND_SMS; a message that was not queued: its channel"))
        .addProperty("reason", new StringSchema().description("dnd-change-refused: the reason that may not be"
            + " cleared; channel-in-dnd, topic-left: the reason that holds the message back"))
        .addProperty("kind", new StringSchema().description("dnd-change-refused: MANUAL, TEMPORARY or PERMANENT"))
        .addProperty("setBy", new StringSchema().description("dnd-change-refused: how the reason came about"))
        .addProperty("since", new StringSchema().format("date-time")
            .description("dnd-change-refused: when it was set"))
        .addProperty("howToLift", new StringSchema().description("dnd-change-refused: what would lift it"))
        .addProperty("target", new StringSchema().description("channel-in-dnd: the DND entry that blocks the"
            + " message, the channel itself or ALL"))
        .addProperty("topic", new StringSchema().description("topic-left: the topic the contact left"))
        .addProperty("userMayClear", new BooleanSchema().description("channel-in-dnd, topic-left: whether a user"
            + " may lift what holds the message back"))
        .addProperty("property", new StringSchema().description("no-provider, webhook-not-configured: the"
            + " configuration property to set"))
        .addProperty("limit", new IntegerSchema().format("int64").description("request-too-large,"
            + " webhook-too-large: the largest body accepted, in bytes"))
        .addProperty("permission", new StringSchema().description("permission-missing: the DND Guard permission"
            + " the request needs (READ, CHANGE or REMOVE_WORKFLOWS)"))
        .addProperty("user", new StringSchema().description("permission-missing: the Camunda user that asked"))
        .addProperty("grantingGroups", new ArraySchema().items(new StringSchema())
            .description("permission-missing: the Camunda groups that grant the permission"))
        .addProperty("messageStatus", new StringSchema().description("message-not-resendable: the message's"
            + " status (only UNKNOWN and FAILED messages can be resent)"))
        .addProperty("errorId", new StringSchema().description("500: the id under which the server log has"
            + " the cause"));
    problem.setRequired(List.of("type", "title", "status"));
    problem.setAdditionalProperties(Boolean.TRUE);
    return problem;
  }

  private static void addIfAbsent(Operation operation, String status, String description, String example) {
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    operation.setResponses(responses);
    if (responses.containsKey(status)) {
      return;
    }
    responses.addApiResponse(status, new ApiResponse().description(description)
        .content(problem(new MediaType().examples(Map.of("example", new Example().value(json(example)))))));
  }

  /** Problem+json with the problem schema and the given media type's examples. */
  private static Content problem(MediaType examples) {
    return new Content().addMediaType(ApiExamples.PROBLEM_JSON,
        examples.schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
  }

  /** The example as JSON, so that the document shows an object and not a string holding one. */
  private static JsonNode json(String example) {
    try {
      return Json.mapper().readTree(example);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An example of DND Guard's OpenAPI document is not JSON: " + example, e);
    }
  }
}
