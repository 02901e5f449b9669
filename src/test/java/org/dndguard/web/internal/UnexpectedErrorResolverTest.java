package org.dndguard.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.dndguard.web.ApiHttp;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;

/**
 * An error nothing else handled is a 500 problem with an error id, and nothing of its cause: the
 * HTTP tests cannot make DND Guard fail unexpectedly, so this drives the resolver directly.
 */
class UnexpectedErrorResolverTest {

  private final UnexpectedErrorResolver resolver = new UnexpectedErrorResolver();

  @Test
  void anErrorUnderTheApiIsA500ProblemThatHidesTheCause() throws Exception {
    // given
    MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/api/contacts/c-42/dnd/channels/SMS");
    // as DndApiFilter marks every request below the API's base path
    Problems.markDndRequest(request);
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.getWriter().write("{\"half\": ");

    // when
    ModelAndView handled = resolver.resolveException(request, response, null,
        new IllegalStateException("connection to db-primary.internal:5432 refused"));

    // then
    assertThat(handled).isNotNull();
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    String body = response.getContentAsString();
    assertThat(body).doesNotContain("db-primary", "IllegalStateException", "\tat ", "half");
    JsonNode problem = ApiHttp.JSON.readTree(body);
    assertThat(problem.path("title").asText()).isEqualTo("Internal Server Error");
    assertThat(problem.path("instance").asText()).isEqualTo("/api/contacts/c-42/dnd/channels/SMS");
    String errorId = problem.path("errorId").asText();
    assertThat(errorId).hasSize(36);
    assertThat(problem.path("detail").asText()).endsWith("error id " + errorId);
  }

  @Test
  void anErrorOfADndGuardControllerElsewhereIsAnsweredToo() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/dnd/somewhere");
    MockHttpServletResponse response = new MockHttpServletResponse();
    HandlerMethod handler = new HandlerMethod(new ProblemDetailsAdvice(), "toString");

    assertThat(resolver.resolveException(request, response, handler, new RuntimeException("boom"))).isNotNull();
    assertThat(response.getStatus()).isEqualTo(500);
  }

  @Test
  void theHostApplicationsErrorsAreLeftAlone() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/7");
    MockHttpServletResponse response = new MockHttpServletResponse();
    HandlerMethod handler = new HandlerMethod(new Object(), "toString");

    assertThat(resolver.resolveException(request, response, handler, new RuntimeException("boom"))).isNull();
    assertThat(resolver.resolveException(request, response, null, new RuntimeException("boom"))).isNull();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentAsString()).isEmpty();
  }

  @Test
  void theApiUnderAContextPathIsRecognised() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/crm/api/contacts/c-42");
    request.setContextPath("/crm");
    Problems.markDndRequest(request);
    MockHttpServletResponse response = new MockHttpServletResponse();

    assertThat(resolver.resolveException(request, response, null, new RuntimeException("boom"))).isNotNull();
    assertThat(ApiHttp.JSON.readTree(response.getContentAsString()).path("instance").asText())
        .isEqualTo("/crm/api/contacts/c-42");
  }
}
