package org.dndguard.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

class DndOpenApiCustomizerTest {

  private static final String PROBLEM = "#/components/schemas/" + DndOpenApiCustomizer.PROBLEM_SCHEMA;

  private final DndOpenApiCustomizer customizer = new DndOpenApiCustomizer();

  @Test
  void everyErrorOfAControllerOfDndGuardBecomesAProblemWithTheDeclaredExample() throws NoSuchMethodException {
    // given: what springdoc makes of annotations that give no media type
    Map<String, String> example = Map.of("status", "404");
    Operation operation = new Operation().responses(new ApiResponses()
        .addApiResponse("200", response("application/json", "#/components/schemas/DndRecordView", null))
        .addApiResponse("404", response("application/json", "#/components/schemas/DndRecordView", example))
        .addApiResponse("503", response("text/html", null, null)));

    // when
    customizer.customize(operation, handler(new SomeController()));

    // then
    assertThat(operation.getResponses().get("200").getContent()).containsOnlyKeys("application/json");
    MediaType notFound = operation.getResponses().get("404").getContent().get(ApiExamples.PROBLEM_JSON);
    assertThat(operation.getResponses().get("404").getContent()).containsOnlyKeys(ApiExamples.PROBLEM_JSON);
    assertThat(notFound.getSchema().get$ref()).isEqualTo(PROBLEM);
    assertThat(notFound.getExample()).isEqualTo(example);
    MediaType unavailable = operation.getResponses().get("503").getContent().get(ApiExamples.PROBLEM_JSON);
    assertThat(operation.getResponses().get("503").getContent()).containsOnlyKeys(ApiExamples.PROBLEM_JSON);
    assertThat(unavailable.getSchema().get$ref()).isEqualTo(PROBLEM);
    assertThat(unavailable.getExample()).isNull();
  }

  @Test
  void theHostApplicationsOperationsAreLeftAsTheyAre() throws NoSuchMethodException {
    // given
    ApiResponse notFound = response("application/json", "#/components/schemas/HostError", null);
    Operation operation = new Operation().responses(new ApiResponses().addApiResponse("404", notFound));

    // when
    customizer.customize(operation, handler(new StringBuilder()));

    // then
    assertThat(operation.getResponses().get("404").getContent()).containsOnlyKeys("application/json");
    assertThat(notFound.getContent().get("application/json").getSchema().get$ref())
        .isEqualTo("#/components/schemas/HostError");
  }

  private static ApiResponse response(String mediaType, String ref, Object example) {
    MediaType type = new MediaType().example(example);
    if (ref != null) {
      type.schema(new Schema<>().$ref(ref));
    }
    return new ApiResponse().description("a response").content(new Content().addMediaType(mediaType, type));
  }

  private static HandlerMethod handler(Object bean) throws NoSuchMethodException {
    return new HandlerMethod(bean, bean.getClass().getMethod("toString"));
  }

  /** A stand-in for a controller of the package. */
  static class SomeController {
  }
}
