package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** What every error of DND Guard's API must be: RFC 9457 problem+json, and never a stack trace. */
final class ProblemAssertions {

  private ProblemAssertions() {
  }

  /** Asserts the response is a problem of the status and type, and returns its body. */
  static JsonNode assertProblem(ApiHttp.Response response, int status, String type) {
    assertThat(response.status()).as("status of %s", response).isEqualTo(status);
    assertThat(response.contentType()).as("content type of %s", response).startsWith("application/problem+json");
    assertThat(response.body()).as("a stack trace in %s", response)
        .doesNotContain("\tat ", "at org.", "at java.", "Exception", "trace");
    JsonNode problem = response.json();
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("type").asText()).isEqualTo(type);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    return problem;
  }
}
