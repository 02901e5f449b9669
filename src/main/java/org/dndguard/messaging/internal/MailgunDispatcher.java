package org.dndguard.messaging.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.dndguard.contact.Channel;
import org.dndguard.messaging.DispatchException;
import org.dndguard.messaging.DispatchReceipt;
import org.dndguard.messaging.OutboxMessage;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * E-mail through Mailgun's messages API: {@code POST /v3/{domain}/messages}, multipart form data,
 * HTTP Basic with the user {@code api} and the API key. The outbox id and the contact id travel as
 * Mailgun variables ({@code v:dnd-outbox-id}, {@code v:dnd-contact-id}), so they come back in
 * Mailgun's webhook events.
 */
public class MailgunDispatcher extends ProviderApiDispatcher {

  private final String domain;
  private final String apiKey;
  private final String from;
  private final UnsubscribeLinks unsubscribe;

  /** A dispatcher whose e-mail carries no unsubscribe link. */
  public MailgunDispatcher(RestClient rest, String domain, String apiKey, String from) {
    this(rest, domain, apiKey, from, null);
  }

  /**
   * @param rest a client whose base URL is Mailgun's API, e.g. {@code https://api.mailgun.net}
   * @param domain the sending domain, e.g. {@code mg.example.com}
   * @param from the From header, e.g. {@code Acme Dental <care@mg.example.com>}
   * @param unsubscribe makes each message's one-click unsubscribe link (RFC 8058), which goes into
   *     {@code List-Unsubscribe}, {@code List-Unsubscribe-Post} and a plain-text footer; null for none
   */
  public MailgunDispatcher(RestClient rest, String domain, String apiKey, String from, UnsubscribeLinks unsubscribe) {
    super("Mailgun", Set.of(Channel.EMAIL), rest);
    this.unsubscribe = unsubscribe;
    this.domain = domain;
    this.apiKey = apiKey;
    this.from = from;
  }

  @Override
  public DispatchReceipt send(OutboxMessage message) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("from", from);
    form.add("to", message.recipient());
    form.add("subject", message.subject());
    if (unsubscribe == null) {
      form.add("text", message.body());
    } else {
      String link = unsubscribe.url(message);
      form.add("text", message.body() + footer(link, message.topic()));
      // Gmail and Yahoo show their own unsubscribe button from these and POST the one-click body
      form.add("h:List-Unsubscribe", "<" + link + ">");
      form.add("h:List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    form.add("v:dnd-outbox-id", String.valueOf(message.id()));
    form.add("v:dnd-contact-id", message.contactId());
    JsonNode queued = post("/v3/{domain}/messages", domain, "api", apiKey, MediaType.MULTIPART_FORM_DATA, form,
        MailgunDispatcher::refused);
    return new DispatchReceipt(queued == null ? null : messageId(queued.path("id").asText(null)));
  }

  /** The plain-text footer with the same link as the headers. */
  static String footer(String link, String topic) {
    return "\n\n--\nTo stop getting " + (topic == null ? "e-mail from us" : "messages about " + topic)
        + ", unsubscribe: " + link + "\n";
  }

  /** Mailgun answers {@code <id@domain>}; its webhook events name the id without the brackets. */
  private static String messageId(String id) {
    if (id == null) {
      return null;
    }
    String trimmed = id.trim();
    return trimmed.startsWith("<") && trimmed.endsWith(">") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
  }

  private static DispatchException refused(RestClientResponseException e) {
    String detail;
    try {
      JsonNode body = e.getResponseBodyAs(JsonNode.class);
      detail = body == null ? e.getStatusText() : body.path("message").asText(e.getStatusText());
    } catch (RuntimeException notJson) {
      detail = e.getResponseBodyAsString().isBlank() ? e.getStatusText() : e.getResponseBodyAsString();
    }
    String text = "Mailgun answered HTTP " + e.getStatusCode().value() + ": " + detail;
    if (e.getStatusCode().value() == 401 || e.getStatusCode().value() == 403) {
      text += " (check dnd.messaging.mailgun.api-key, domain and base-url: EU domains use https://api.eu.mailgun.net)";
    }
    return ProviderErrors.answered(e.getStatusCode(), null, text, e);
  }
}
