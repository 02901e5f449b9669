package org.dndguard.web.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.util.UriUtils;

/**
 * Answers a request that Spring Security's firewall rejects (a {@code ;}, an encoded {@code %} or
 * {@code ;}, a {@code //} in the URL) with a 400 problem when it is for one of DND
 * Guard's paths, like every other error there; any other path gets the host's answer, the
 * {@code fallback}. Such a request reaches no controller, and changes nothing.
 */
public class ProblemRequestRejectedHandler implements RequestRejectedHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemRequestRejectedHandler.class);

  private final RequestRejectedHandler fallback;
  private final List<String> basePaths;

  /**
   * @param fallback what answers rejected requests for the host's own paths
   * @param basePaths DND Guard's base paths ({@code dnd.api.base-path}, {@code dnd.webhooks.base-path})
   */
  public ProblemRequestRejectedHandler(RequestRejectedHandler fallback, List<String> basePaths) {
    this.fallback = fallback;
    this.basePaths = List.copyOf(basePaths);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejection)
      throws IOException, ServletException {
    if (!isDndPath(request) || response.isCommitted()) {
      fallback.handle(request, response, rejection);
      return;
    }
    LOG.debug("Rejected {} {}: {}", request.getMethod(), request.getRequestURI(), rejection.getMessage());
    ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, null, null, rejection.getMessage()
        + "; a contact id in a URL cannot contain ';', '%', '/' or '\\', and a path no '//': use ids without"
        + " them, and the paths as documented");
    problem.setInstance(instance(request));
    Problems.write(request, response, problem);
  }

  /**
   * Whether the request is for DND Guard's paths, read from the raw URI: decoding a URI the
   * firewall rejected may fail, and this must not.
   */
  private boolean isDndPath(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String contextPath = request.getContextPath();
    String path = contextPath != null && uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    return basePaths.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/")
        || path.startsWith(prefix + ";"));
  }

  /** The request's URI as received when it is a valid URI reference, else with what a URI may not hold quoted. */
  private static URI instance(HttpServletRequest request) {
    String uri = request.getRequestURI();
    try {
      return new URI(uri);
    } catch (URISyntaxException e) {
      return URI.create(UriUtils.encodePath(uri, StandardCharsets.UTF_8));
    }
  }
}
