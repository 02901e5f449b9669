package org.dndguard.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dndguard.web.ApiHttp;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** No rule of DND Guard's chain denies an authenticated user yet, so the handler is driven directly. */
class ProblemAccessDeniedHandlerTest {

  @Test
  void aRefusedUserGetsA403ProblemNamingThem() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/api/contacts/c-42/dnd/channels/ALL");
    request.setUserPrincipal(UsernamePasswordAuthenticationToken.authenticated("mary", null, List.of()));
    MockHttpServletResponse response = new MockHttpServletResponse();

    new ProblemAccessDeniedHandler().handle(request, response, new AccessDeniedException("Access Denied"));

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    JsonNode problem = ApiHttp.JSON.readTree(response.getContentAsString());
    assertThat(problem.path("title").asText()).isEqualTo("Forbidden");
    assertThat(problem.path("detail").asText())
        .isEqualTo("User mary may not DELETE /api/contacts/c-42/dnd/channels/ALL; ask an administrator for access");
  }
}
