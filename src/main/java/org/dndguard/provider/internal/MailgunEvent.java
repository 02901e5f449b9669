package org.dndguard.provider.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * The parts of Mailgun's {@code event-data} that DND Guard reads. Mailgun adds fields over time;
 * the others are ignored.
 *
 * @param id Mailgun's event id, the key that makes a second delivery a no-op
 * @param event the event name, lower case, e.g. {@code failed}
 * @param severity {@code permanent} or {@code temporary} for a failure, else null
 * @param reason the failure's reason, e.g. {@code suppress-bounce}, else null
 * @param recipient the recipient address as Mailgun sent it
 * @param messageId the {@code Message-Id} header of the message concerned, if given
 * @param deliveryCode the SMTP or Mailgun code in {@code delivery-status}, if given
 * @param deliveryDescription the description or message in {@code delivery-status}, if given
 * @param account the Mailgun account id or sending domain, if given
 */
public record MailgunEvent(String id, String event, String severity, String reason, String recipient,
    String messageId, String deliveryCode, String deliveryDescription, String account) {

  /** The events Mailgun's webhooks send; any other name is not from Mailgun. */
  public static final Set<String> KNOWN_EVENTS = Set.of("accepted", "rejected", "delivered", "failed", "opened",
      "clicked", "unsubscribed", "complained", "stored", "list_member_uploaded", "list_member_upload_error",
      "list_uploaded");

  /** The events that can set EMAIL DND; they must name an id and a recipient. */
  public static final Set<String> DND_EVENTS = Set.of("failed", "unsubscribed", "complained");

  /**
   * Reads {@code event-data}.
   *
   * @throws MalformedWebhookException naming the field that is missing, of the wrong type or unknown
   */
  public static MailgunEvent parse(JsonNode eventData) {
    if (eventData == null || eventData.isMissingNode() || eventData.isNull()) {
      throw new MalformedWebhookException("event-data", "The body has no event-data object; Mailgun's event"
          + " webhooks post {\"signature\": {...}, \"event-data\": {...}}");
    }
    if (!eventData.isObject()) {
      throw new MalformedWebhookException("event-data", "event-data is not a JSON object");
    }
    String event = text(eventData, "event", "event-data.event");
    if (event == null) {
      throw new MalformedWebhookException("event-data.event", "event-data.event is missing; Mailgun names the"
          + " event, e.g. failed, unsubscribed or complained");
    }
    event = event.toLowerCase(Locale.ROOT);
    if (!KNOWN_EVENTS.contains(event)) {
      throw new MalformedWebhookException("event-data.event", "Unknown Mailgun event '" + event + "'; Mailgun sends "
          + String.join(", ", KNOWN_EVENTS.stream().sorted().toList()));
    }
    String id = text(eventData, "id", "event-data.id");
    String recipient = text(eventData, "recipient", "event-data.recipient");
    String severity = lower(text(eventData, "severity", "event-data.severity"));
    String reason = lower(text(eventData, "reason", "event-data.reason"));
    if (DND_EVENTS.contains(event)) {
      requirePresent(id, "event-data.id", event);
      requirePresent(recipient, "event-data.recipient", event);
      if (id.length() > ProviderEventLog.MAX_KEY_LENGTH) {
        throw new MalformedWebhookException("event-data.id", "event-data.id is " + id.length()
            + " characters long; Mailgun's event ids are about 22");
      }
    }
    if (event.equals("failed")) {
      requirePresent(severity, "event-data.severity", event);
      if (!severity.equals("permanent") && !severity.equals("temporary")) {
        throw new MalformedWebhookException("event-data.severity", "event-data.severity '" + severity
            + "' is neither permanent nor temporary");
      }
      if (severity.equals("permanent")) {
        requirePresent(reason, "event-data.reason", "permanent failure");
      }
    }
    JsonNode message = eventData.path("message").path("headers");
    JsonNode status = eventData.path("delivery-status");
    String description = text(status, "description", "event-data.delivery-status.description");
    if (description == null) {
      description = text(status, "message", "event-data.delivery-status.message");
    }
    String account = text(eventData.path("account"), "id", "event-data.account.id");
    if (account == null) {
      account = text(eventData.path("domain"), "name", "event-data.domain.name");
    }
    return new MailgunEvent(id, event, severity, reason, recipient,
        text(message, "message-id", "event-data.message.headers.message-id"),
        text(status, "code", "event-data.delivery-status.code"), description, account);
  }

  /** Whether this event is of a kind that can set DND (whether it does is up to the rules). */
  public boolean mayChangeDnd() {
    return DND_EVENTS.contains(event);
  }

  /** A short description for audit notes, e.g. "Mailgun failed (permanent, suppress-bounce): 605 ...". */
  public String describe() {
    StringBuilder text = new StringBuilder("Mailgun ").append(event);
    if (severity != null) {
      text.append(" (").append(severity).append(reason == null ? "" : ", " + reason).append(')');
    }
    if (deliveryCode != null || deliveryDescription != null) {
      text.append(": delivery status");
      if (deliveryCode != null) {
        text.append(' ').append(deliveryCode);
      }
      if (deliveryDescription != null) {
        text.append(' ').append(deliveryDescription);
      }
    }
    return text.toString();
  }

  private static void requirePresent(String value, String field, String what) {
    if (value == null) {
      throw new MalformedWebhookException(field, field + " is missing; Mailgun sends it with every " + what
          + " event");
    }
  }

  /** A scalar field as text, or null when absent; an object or array where text belongs is malformed. */
  private static String text(JsonNode parent, String name, String field) {
    JsonNode node = parent.path(name);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw new MalformedWebhookException(field, field + " is a JSON "
          + node.getNodeType().name().toLowerCase(Locale.ROOT) + "; Mailgun sends a string");
    }
    String value = node.asText().trim();
    return value.isEmpty() ? null : value;
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
