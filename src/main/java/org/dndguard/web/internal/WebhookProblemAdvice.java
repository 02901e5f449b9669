package org.dndguard.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.provider.internal.MalformedWebhookException;
import org.dndguard.provider.internal.WebhookBodyTooLargeException;
import org.dndguard.provider.internal.WebhookNotConfiguredException;
import org.dndguard.provider.internal.WebhookRejectedException;
import org.dndguard.provider.internal.WebhookSignatureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every error of the provider webhooks into a problem detail (RFC 9457): 400 for a request
 * that is not what the provider sends (naming the field), 403 for a missing, wrong, stale or
 * replayed signature and for a webhook whose secret is not configured (naming the property), 413
 * for a body over the limit, 503 when the database cannot be reached (the provider retries).
 * Nothing has changed when any of them is answered. Each has a {@code urn:dndguard:problem:*} type
 * ({@link Problems}). It applies to the webhook controllers only; the API has its own
 * ({@link ProblemDetailsAdvice}), because a webhook's errors mean something else to a provider (a
 * 503 is retried, a 4xx is not).
 */
@RestControllerAdvice(assignableTypes = {MailgunWebhookController.class, TwilioWebhookController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WebhookProblemAdvice {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookProblemAdvice.class);

  @ExceptionHandler(MalformedWebhookException.class)
  ResponseEntity<ProblemDetail> malformed(MalformedWebhookException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, Problems.MALFORMED_WEBHOOK, "Malformed webhook request", e, request);
  }

  @ExceptionHandler(InvalidDndInputException.class)
  ResponseEntity<ProblemDetail> invalidInput(InvalidDndInputException e, HttpServletRequest request) {
    ProblemDetail problem = detail(HttpStatus.BAD_REQUEST, Problems.MALFORMED_WEBHOOK, "Malformed webhook request",
        e.getMessage(), request);
    problem.setProperty("field", e.field());
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(problem);
  }

  @ExceptionHandler(WebhookSignatureException.class)
  ResponseEntity<ProblemDetail> signature(WebhookSignatureException e, HttpServletRequest request) {
    LOG.warn("Refused a webhook request to {} from {}: {}", request.getRequestURI(), request.getRemoteAddr(),
        e.getMessage());
    return problem(HttpStatus.FORBIDDEN, Problems.WEBHOOK_SIGNATURE_REFUSED, "Webhook signature refused", e,
        request);
  }

  @ExceptionHandler(WebhookNotConfiguredException.class)
  ResponseEntity<ProblemDetail> notConfigured(WebhookNotConfiguredException e, HttpServletRequest request) {
    LOG.warn("Refused a webhook request to {}: {}", request.getRequestURI(), e.getMessage());
    ResponseEntity<ProblemDetail> response = problem(HttpStatus.FORBIDDEN, Problems.WEBHOOK_NOT_CONFIGURED,
        "Webhook not configured", e, request);
    response.getBody().setProperty("property", e.field());
    return response;
  }

  @ExceptionHandler(WebhookBodyTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge(WebhookBodyTooLargeException e, HttpServletRequest request) {
    ResponseEntity<ProblemDetail> response = problem(HttpStatus.PAYLOAD_TOO_LARGE, Problems.WEBHOOK_TOO_LARGE,
        "Webhook request too large", e, request);
    response.getBody().setProperty("limit", e.limit());
    return response;
  }

  @ExceptionHandler({DataAccessException.class, TransactionException.class})
  ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e, HttpServletRequest request) {
    LOG.error("A webhook request to {} failed in the database; nothing was changed", request.getRequestURI(), e);
    ProblemDetail problem = detail(HttpStatus.SERVICE_UNAVAILABLE, Problems.STORE_UNAVAILABLE, "DND store unavailable",
        "DND Guard could not reach its database, so the event was not acted on; deliver it again later", request);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "60").body(problem);
  }

  /** A bug, not the request's fault: said so plainly, logged in full, and still a problem detail. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    LOG.error("A webhook request to {} failed unexpectedly; nothing was changed", request.getRequestURI(), e);
    ProblemDetail problem = detail(HttpStatus.INTERNAL_SERVER_ERROR, null, "Webhook failed",
        "DND Guard failed to handle the event and changed nothing; the error is in its log", request);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title,
      WebhookRejectedException e, HttpServletRequest request) {
    ProblemDetail problem = detail(status, type, title, e.getMessage(), request);
    if (e.field() != null) {
      problem.setProperty("field", e.field());
    }
    return ResponseEntity.status(status).body(problem);
  }

  private static ProblemDetail detail(HttpStatus status, URI type, String title, String detail,
      HttpServletRequest request) {
    ProblemDetail problem = Problems.problem(status, type, title, detail);
    try {
      problem.setInstance(new URI(null, null, request.getRequestURI(), null));
    } catch (URISyntaxException e) {
      // the path came from the request line; without an instance the problem still says everything
    }
    return problem;
  }
}
