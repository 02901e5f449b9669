package org.dndguard.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers an authenticated request that its user may not make with a 403 problem. */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    String user = request.getUserPrincipal() == null ? "This user" : "User " + request.getUserPrincipal().getName();
    Problems.write(request, response, Problems.problem(HttpStatus.FORBIDDEN, null, null,
        user + " may not " + request.getMethod() + " " + Problems.path(request)
            + "; ask an administrator for access"));
  }
}
