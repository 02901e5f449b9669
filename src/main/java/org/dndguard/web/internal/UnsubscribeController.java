package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.messaging.internal.Unsubscribes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The public one-click unsubscribe endpoint (RFC 8058) of outbox e-mail, at
 * {@code dnd.unsubscribe.path} ({@code /unsubscribe/{token}} in the reference application). No
 * login: the token is the proof. {@code GET} only shows a page with a button, since mail scanners
 * fetch links; {@code POST} (what a mail client's unsubscribe button sends) unsubscribes. When the
 * database cannot record it, the answer is 503 with {@code Retry-After} (problem+json), nothing
 * changes and the link stays valid for a later click.
 */
@RestController
@RequestMapping("${dnd.unsubscribe.path:/dnd/unsubscribe}")
@Tag(name = "Unsubscribe", description = "One-click unsubscribe links (RFC 8058) of outbox e-mail; public")
public class UnsubscribeController {

  private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeController.class);
  /** When a client should send an unsubscribe that the database could not record again. */
  static final String RETRY_AFTER_SECONDS = "60";

  private final Unsubscribes unsubscribes;

  public UnsubscribeController(Unsubscribes unsubscribes) {
    this.unsubscribes = unsubscribes;
  }

  @GetMapping(path = "/{token}", produces = MediaType.TEXT_HTML_VALUE)
  @Operation(summary = "The unsubscribe page of an e-mail",
      description = "A small page with a button that POSTs to the same link. Changes nothing. 404 for a link that"
          + " is unknown or altered.")
  @ApiDocs.UnsubscribePage
  public ResponseEntity<String> page(@PathVariable String token) {
    OutboxMessage message = unsubscribes.message(token);
    String what = message.topic() == null ? "all e-mail from us" : "messages about " + message.topic();
    return html(HttpStatus.OK, "Unsubscribe", "<p>Unsubscribe from " + HtmlUtils.htmlEscape(what) + "?</p>"
        + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
        + "<button type=\"submit\">Unsubscribe</button></form>");
  }

  @PostMapping(path = "/{token}", produces = MediaType.TEXT_HTML_VALUE)
  @Operation(summary = "Unsubscribe (one click)",
      description = "From the e-mail's topic when it had one, else the contact's e-mail goes into DND with reason"
          + " EMAIL_UNSUBSCRIBE; the message is the evidence. Idempotent: 200 every time. 404 for a link that is"
          + " unknown or altered, which changes nothing. 503 with Retry-After when the database cannot record it:"
          + " nothing changed, and the link stays valid for another try.")
  @ApiDocs.UnsubscribePage
  public ResponseEntity<String> unsubscribe(@PathVariable String token) {
    OutboxMessage message = unsubscribes.unsubscribe(token);
    String what = message.topic() == null ? "e-mail from us" : "messages about " + message.topic();
    return html(HttpStatus.OK, "Unsubscribed", "<p>You will not get " + HtmlUtils.htmlEscape(what)
        + " any more.</p>");
  }

  /**
   * The database could not read or record the unsubscribe: nothing changed, and the link stays
   * valid. 503 with {@code Retry-After} asks the mail client (or the person, on the page) to send it
   * again, rather than a 500 that says the request itself was wrong.
   */
  @ExceptionHandler({DataAccessException.class, TransactionException.class})
  ResponseEntity<ProblemDetail> storeUnavailable(RuntimeException e, HttpServletRequest request) {
    LOG.error("An unsubscribe request to {} failed in the database; nothing changed and the link stays valid",
        Problems.path(request), e);
    ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, Problems.STORE_UNAVAILABLE,
        "Unsubscribe not recorded yet", "DND Guard could not reach its database, so the unsubscribe was not"
            + " recorded yet; the link stays valid: send it again (or click it again) in a minute");
    problem.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static ResponseEntity<String> html(HttpStatus status, String title, String body) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
            + body + "</body></html>");
  }
}
