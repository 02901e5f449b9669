package org.dndguard.cluster;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Provider requests as Twilio and Mailgun send them, with fresh ids. */
final class ProviderEvents {

  static final String TWILIO_SMS = "/webhooks/twilio/sms";
  static final String TWILIO_STATUS = "/webhooks/twilio/status";
  private static final String ACCOUNT = "AC" + "0".repeat(32);

  private ProviderEvents() {
  }

  /** An inbound text from the number. */
  static Map<String, String> inboundSms(String from, String body) {
    Map<String, String> parameters = new LinkedHashMap<>();
    String sid = sid("SM");
    parameters.put("AccountSid", ACCOUNT);
    parameters.put("MessageSid", sid);
    parameters.put("SmsSid", sid);
    parameters.put("From", from);
    parameters.put("To", "+14155550100");
    parameters.put("Body", body);
    parameters.put("NumMedia", "0");
    return parameters;
  }

  /** A status callback for a message to the number that failed with the error code. */
  static Map<String, String> undelivered(String to, String errorCode) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("AccountSid", ACCOUNT);
    parameters.put("MessageSid", sid("SM"));
    parameters.put("MessageStatus", "undelivered");
    parameters.put("From", "+14155550100");
    parameters.put("To", to);
    parameters.put("ErrorCode", errorCode);
    parameters.put("ApiVersion", "2010-04-01");
    return parameters;
  }

  /** A Mailgun event about the recipient: {@code unsubscribed}, {@code complained}, ... */
  static Map<String, Object> mailgun(String event, String recipient) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("event", event);
    data.put("id", "evt-" + UUID.randomUUID());
    data.put("timestamp", Instant.now().getEpochSecond());
    data.put("recipient", recipient);
    data.put("message", Map.of("headers", Map.of("message-id", UUID.randomUUID() + "@mg.example.com")));
    return data;
  }

  /** A permanent Mailgun failure with the reason, e.g. {@code bounce}. */
  static Map<String, Object> mailgunFailure(String reason, String recipient) {
    Map<String, Object> data = mailgun("failed", recipient);
    data.put("severity", "permanent");
    data.put("reason", reason);
    data.put("delivery-status", Map.of("code", 550, "description", "No such mailbox"));
    return data;
  }

  /** A Mailgun signature token: 50 random characters. */
  static String token() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 50);
  }

  private static String sid(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }
}
