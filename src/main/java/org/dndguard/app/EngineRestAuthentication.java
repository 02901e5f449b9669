package org.dndguard.app;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the user that logged in to Camunda's REST API (HTTP Basic, checked by Spring Security) the
 * engine's authenticated user for the request, with its Camunda groups, so that Camunda's
 * authorization checks apply to what the request does: without it, every REST call would run as
 * the engine and Camunda's authorizations would protect nothing. This is what Camunda's own
 * {@code ProcessEngineAuthenticationFilter} does for a REST API without Spring Security.
 */
class EngineRestAuthentication extends OncePerRequestFilter {

  /** The prefix of the authorities that {@code CamundaIdentityAuthenticationProvider} makes of the user's groups. */
  static final String GROUP_PREFIX = "GROUP_";

  private final IdentityService identityService;

  EngineRestAuthentication(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    if (user == null || !user.isAuthenticated() || user.getName() == null) {
      chain.doFilter(request, response);
      return;
    }
    List<String> groups = user.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a != null && a.startsWith(GROUP_PREFIX))
        .map(a -> a.substring(GROUP_PREFIX.length()))
        .toList();
    identityService.setAuthentication(user.getName(), groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
