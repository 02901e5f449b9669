package org.dndguard.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The HTTP tests show DND Guard's paths answered; these show the host application's left alone. */
class UnmatchedRequestResolverTest {

  private final UnmatchedRequestResolver resolver = new UnmatchedRequestResolver();

  @Test
  void anUnknownPathOfTheHostApplicationIsLeftToIt() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/7");
    MockHttpServletResponse response = new MockHttpServletResponse();

    assertThat(resolver.resolveException(request, response, null,
        new NoResourceFoundException(HttpMethod.GET, "orders/7"))).isNull();
    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  void anErrorOfAHandlerIsLeftToTheAdvice() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/contacts/c-42");
    HandlerMethod handler = new HandlerMethod(new Object(), "toString");

    assertThat(resolver.resolveException(request, new MockHttpServletResponse(), handler,
        new NoResourceFoundException(HttpMethod.GET, "api/contacts/c-42"))).isNull();
  }

  @Test
  void aPathThatOnlyStartsLikeTheApiIsNotDndGuards() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/apiary/hives");

    assertThat(resolver.resolveException(request, new MockHttpServletResponse(), null,
        new NoResourceFoundException(HttpMethod.GET, "apiary/hives"))).isNull();
  }
}
