package org.dndguard.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.messaging.Unsubscribes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * fetch links; {@code POST} (what a mail client's unsubscribe button sends) unsubscribes.
 */
@RestController
@RequestMapping("${dnd.unsubscribe.path:/dnd/unsubscribe}")
@Tag(name = "Unsubscribe", description = "One-click unsubscribe links (RFC 8058) of outbox e-mail; public")
public class UnsubscribeController {

  private final Unsubscribes unsubscribes;

  public UnsubscribeController(Unsubscribes unsubscribes) {
    this.unsubscribes = unsubscribes;
  }

  @GetMapping(path = "/{token}", produces = MediaType.TEXT_HTML_VALUE)
  @Operation(summary = "The unsubscribe page of an e-mail",
      description = "A small page with a button that POSTs to the same link. Changes nothing. 404 for a link that"
          + " is unknown or altered.")
  @ApiDocs.UnknownUnsubscribeLink
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
          + " unknown or altered, which changes nothing.")
  @ApiDocs.UnknownUnsubscribeLink
  public ResponseEntity<String> unsubscribe(@PathVariable String token) {
    OutboxMessage message = unsubscribes.unsubscribe(token);
    String what = message.topic() == null ? "e-mail from us" : "messages about " + message.topic();
    return html(HttpStatus.OK, "Unsubscribed", "<p>You will not get " + HtmlUtils.htmlEscape(what)
        + " any more.</p>");
  }

  private static ResponseEntity<String> html(HttpStatus status, String title, String body) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .body("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
            + body + "</body></html>");
  }
}
