package org.dndguard.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without valid HTTP Basic credentials with 401, a {@code WWW-Authenticate}
 * challenge and a problem that says how to authenticate. It does not say whether the user exists.
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private final String realm;

  /** @param realm the realm of the challenge, e.g. {@code DND Guard} */
  public ProblemAuthenticationEntryPoint(String realm) {
    if (realm == null || realm.isBlank() || realm.contains("\"") || realm.contains("\\")) {
      throw new IllegalArgumentException("The realm must be a non-blank text without quotes or backslashes: " + realm);
    }
    this.realm = realm;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    String detail = e instanceof BadCredentialsException
        ? "Unknown user or wrong password; use the name and password of a Camunda user (one that Cockpit knows)"
        : "This API needs HTTP Basic authentication with a Camunda user (one that Cockpit knows)";
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
    Problems.write(request, response, Problems.problem(HttpStatus.UNAUTHORIZED, null, null, detail));
  }
}
