package org.dndguard.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.dndguard.provider.internal.MailgunWebhooks;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/mailgun}: Mailgun's event webhook. Answers 200 with what was done, also
 * for events that change nothing and for a second delivery, so that Mailgun stops retrying; errors
 * are problem details ({@link WebhookProblemAdvice}).
 */
@RestController
public class MailgunWebhookController {

  /** The webhook's path in the reference application ({@code dnd.webhooks.base-path=/webhooks}). */
  public static final String PATH = "/webhooks/mailgun";

  private final MailgunWebhooks webhooks;
  private final long maxBodySize;

  public MailgunWebhookController(MailgunWebhooks webhooks, long maxBodySize) {
    this.webhooks = webhooks;
    this.maxBodySize = maxBodySize;
  }

  @PostMapping(path = DndPaths.WEBHOOKS + "/mailgun", produces = MediaType.APPLICATION_JSON_VALUE)
  public MailgunWebhooks.Receipt receive(HttpServletRequest request) {
    WebhookRequests.requireContentType(request, MediaType.APPLICATION_JSON, "Mailgun");
    return webhooks.receive(WebhookRequests.readBody(request, maxBodySize));
  }
}
