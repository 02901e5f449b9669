package org.dndguard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.util.UrlPathHelper;

/**
 * The problem types DND Guard answers with (RFC 9457), and the writing of a problem straight to
 * the servlet response, for the places that run outside Spring MVC's message converters: the
 * security filters and the exception resolvers.
 */
final class Problems {

  /** Input that DND Guard cannot accept; the {@code field} member names it. */
  static final URI INVALID_INPUT = URI.create("urn:dndguard:problem:invalid-input");
  /** A contact id that is not registered. */
  static final URI CONTACT_NOT_FOUND = URI.create("urn:dndguard:problem:contact-not-found");
  /** A DND change that the rules refuse. */
  static final URI DND_CHANGE_REFUSED = URI.create("urn:dndguard:problem:dnd-change-refused");

  /** Set on every request under DND Guard's API or webhook base path by their filters. */
  static final String DND_REQUEST_ATTRIBUTE = Problems.class.getName() + ".DND_REQUEST";

  // independent of the host's ObjectMapper: these bodies hold only strings and numbers
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UrlPathHelper PATHS = new UrlPathHelper();

  private Problems() {
  }

  static ProblemDetail problem(HttpStatusCode status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    if (type != null) {
      problem.setType(type);
    }
    if (title != null) {
      problem.setTitle(title);
    }
    return problem;
  }

  /** The request's path within the application, without the context path. */
  static String path(HttpServletRequest request) {
    return PATHS.getPathWithinApplication(request);
  }

  /**
   * Whether the request is for one of DND Guard's own paths (its API and webhooks, below their
   * configurable base paths): their filters mark it, so the paths are known in one place.
   */
  static boolean isDndPath(HttpServletRequest request) {
    return request.getAttribute(DND_REQUEST_ATTRIBUTE) != null;
  }

  /** Marks the request as one for DND Guard's own paths. */
  static void markDndRequest(HttpServletRequest request) {
    request.setAttribute(DND_REQUEST_ATTRIBUTE, Boolean.TRUE);
  }

  /** Writes the problem as {@code application/problem+json}; its instance is the request path if unset. */
  static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
      throws IOException {
    if (problem.getInstance() == null) {
      // the raw, still encoded URI: always a valid URI reference
      problem.setInstance(URI.create(request.getRequestURI()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    body.put("instance", problem.getInstance().toString());
    if (problem.getProperties() != null) {
      problem.getProperties().forEach(body::putIfAbsent);
    }
    response.setStatus(problem.getStatus());
    // JSON is UTF-8 by definition (RFC 8259), which is what Jackson writes; no charset parameter
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), body);
  }
}
