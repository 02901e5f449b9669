package org.dndguard.web.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.util.UrlPathHelper;

/**
 * The problem types DND Guard answers with (RFC 9457), and the writing of a problem straight to
 * the servlet response, for the places that run outside Spring MVC's message converters: the
 * security filters and the exception resolvers.
 */
public final class Problems {

  /** Input that DND Guard cannot accept; the {@code field} member names it. */
  public static final URI INVALID_INPUT = URI.create("urn:dndguard:problem:invalid-input");
  /** A contact id that is not registered. */
  static final URI CONTACT_NOT_FOUND = URI.create("urn:dndguard:problem:contact-not-found");
  /** A DND change that the rules refuse. */
  static final URI DND_CHANGE_REFUSED = URI.create("urn:dndguard:problem:dnd-change-refused");
  /** A manual message to a channel that is in DND for the contact; nothing was queued. */
  static final URI CHANNEL_IN_DND = URI.create("urn:dndguard:problem:channel-in-dnd");
  /** A manual message to a channel for which the contact has no address. */
  static final URI MISSING_ADDRESS = URI.create("urn:dndguard:problem:missing-address");
  /** A message for a channel that no provider sends (and log-only is off); nothing was queued. */
  static final URI NO_PROVIDER = URI.create("urn:dndguard:problem:no-provider");
  /** A resend of a message that is not UNKNOWN or FAILED. */
  static final URI MESSAGE_NOT_RESENDABLE = URI.create("urn:dndguard:problem:message-not-resendable");
  /** A message id that is not in the outbox. */
  static final URI MESSAGE_NOT_FOUND = URI.create("urn:dndguard:problem:message-not-found");
  /** A process instance id that the engine knows neither running nor in its history. */
  static final URI PROCESS_INSTANCE_NOT_FOUND = URI.create("urn:dndguard:problem:process-instance-not-found");
  /** Process instances that kept changing (optimistic locking) while a request changed them. */
  static final URI WORKFLOWS_CHANGING = URI.create("urn:dndguard:problem:workflows-changing");
  /** A webhook request that is not what the provider sends. */
  static final URI MALFORMED_WEBHOOK = URI.create("urn:dndguard:problem:malformed-webhook");
  /** A webhook request without a valid, fresh signature. */
  static final URI WEBHOOK_SIGNATURE_REFUSED = URI.create("urn:dndguard:problem:webhook-signature-refused");
  /** A webhook whose provider secret is not configured. */
  static final URI WEBHOOK_NOT_CONFIGURED = URI.create("urn:dndguard:problem:webhook-not-configured");
  /** A webhook body over the limit. */
  static final URI WEBHOOK_TOO_LARGE = URI.create("urn:dndguard:problem:webhook-too-large");
  /** A request body to the API over {@code dnd.api.max-body-size}; nothing was read further or changed. */
  static final URI REQUEST_TOO_LARGE = URI.create("urn:dndguard:problem:request-too-large");
  /** DND Guard's database could not be reached; nothing was changed. */
  static final URI STORE_UNAVAILABLE = URI.create("urn:dndguard:problem:store-unavailable");

  /**
   * The prefix of the type of a plain HTTP error that no type above describes better: the status's
   * name, e.g. {@code urn:dndguard:problem:method-not-allowed} or {@code ...:unauthorized}.
   */
  static final String HTTP_TYPE_PREFIX = "urn:dndguard:problem:";

  private static final URI ABOUT_BLANK = URI.create("about:blank");
  /** A manual message about a topic the contact left; nothing was queued. */
  static final URI TOPIC_LEFT = URI.create("urn:dndguard:problem:topic-left");
  /** An unsubscribe link that DND Guard did not make, or that was altered. */
  static final URI UNKNOWN_UNSUBSCRIBE_LINK = URI.create("urn:dndguard:problem:unknown-unsubscribe-link");

  /** Set on every request under DND Guard's API or webhook base path by their filters. */
  static final String DND_REQUEST_ATTRIBUTE = Problems.class.getName() + ".DND_REQUEST";

  // independent of the host's ObjectMapper: these bodies hold only strings and numbers
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UrlPathHelper PATHS = new UrlPathHelper();

  private Problems() {
  }

  /** A problem of the given type; without a type, that of its HTTP status ({@link #typed}). */
  static ProblemDetail problem(HttpStatusCode status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    if (title != null) {
      problem.setTitle(title);
    }
    return typed(problem);
  }

  /**
   * The problem, with the type of its HTTP status if it has none or {@code about:blank} (Spring's
   * own errors): every problem DND Guard answers has a {@code urn:dndguard:problem:*} type.
   */
  static ProblemDetail typed(ProblemDetail problem) {
    if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
      problem.setType(httpType(problem.getStatus()));
    }
    return problem;
  }

  private static URI httpType(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return URI.create(HTTP_TYPE_PREFIX + (known == null ? "http-" + status
        : known.name().toLowerCase(Locale.ROOT).replace('_', '-')));
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
    typed(problem);
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
