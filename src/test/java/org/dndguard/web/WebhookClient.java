package org.dndguard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.dndguard.autoconfigure.DndProperties;
import org.dndguard.testsupport.ProviderSigning;
import org.dndguard.web.internal.MailgunWebhookController;

/**
 * Sends webhook requests over real HTTP to the application on its random port, signed as Mailgun
 * and Twilio sign them: Twilio for the public URL it was given, which is not the address the test
 * reaches, as behind a proxy.
 */
final class WebhookClient {

  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final DndProperties properties;

  WebhookClient(int port, DndProperties properties) {
    this.base = "http://localhost:" + port;
    this.properties = properties;
  }

  // --- Mailgun ---

  /** A Mailgun event, signed now with a fresh token. */
  HttpResponse<String> mailgun(Map<String, Object> eventData) {
    return mailgun(eventData, Instant.now(), newToken());
  }

  HttpResponse<String> mailgun(Map<String, Object> eventData, Instant signedAt, String token) {
    return post(MailgunWebhookController.PATH, "application/json", mailgunBody(eventData, signedAt, token), Map.of());
  }

  byte[] mailgunBody(Map<String, Object> eventData, Instant signedAt, String token) {
    String timestamp = Long.toString(signedAt.getEpochSecond());
    Map<String, Object> signature = new LinkedHashMap<>();
    signature.put("timestamp", timestamp);
    signature.put("token", token);
    signature.put("signature", ProviderSigning.mailgun(properties.webhooks().mailgun().signingKey(), timestamp, token));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("signature", signature);
    body.put("event-data", eventData);
    return json(body);
  }

  static String newToken() {
    // Mailgun's tokens are 50 random characters
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 50);
  }

  static Map<String, Object> mailgunEvent(String event, String recipient) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("event", event);
    data.put("id", "evt-" + UUID.randomUUID());
    data.put("timestamp", Instant.now().getEpochSecond());
    data.put("recipient", recipient);
    data.put("message", Map.of("headers", Map.of("message-id", "20260101." + SEQUENCE.incrementAndGet() + "@mg.example.com")));
    return data;
  }

  static Map<String, Object> mailgunFailure(String severity, String reason, String recipient) {
    Map<String, Object> data = mailgunEvent("failed", recipient);
    data.put("severity", severity);
    data.put("reason", reason);
    data.put("delivery-status", Map.of("code", 605, "description", "Not delivering to previously bounced address"));
    return data;
  }

  // --- Twilio ---

  /** A Twilio request, signed for the public URL of the path. */
  HttpResponse<String> twilio(String path, Map<String, String> parameters) {
    return twilio(path, parameters, signTwilio(path, parameters));
  }

  HttpResponse<String> twilio(String path, Map<String, String> parameters, String signature) {
    Map<String, String> headers = signature == null ? Map.of() : Map.of("X-Twilio-Signature", signature);
    return post(path, "application/x-www-form-urlencoded", form(parameters).getBytes(StandardCharsets.UTF_8), headers);
  }

  /** A form posted as given, signed over the given (possibly repeated) parameters. */
  HttpResponse<String> twilioRaw(String path, String form, Map<String, java.util.List<String>> signed) {
    String signature = ProviderSigning.twilioRepeated(properties.webhooks().twilio().authToken(),
        properties.webhooks().publicBaseUrl() + path, signed);
    return post(path, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8),
        Map.of("X-Twilio-Signature", signature));
  }

  String signTwilio(String path, Map<String, String> parameters) {
    return ProviderSigning.twilio(properties.webhooks().twilio().authToken(),
        properties.webhooks().publicBaseUrl() + path, parameters);
  }

  static Map<String, String> statusCallback(String to, String status, String errorCode) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("AccountSid", "AC" + "0".repeat(32));
    parameters.put("MessageSid", newSid("SM"));
    parameters.put("MessageStatus", status);
    parameters.put("From", "+14155550100");
    parameters.put("To", to);
    if (errorCode != null) {
      parameters.put("ErrorCode", errorCode);
    }
    parameters.put("ApiVersion", "2010-04-01");
    return parameters;
  }

  static Map<String, String> inboundSms(String from, String body) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("AccountSid", "AC" + "0".repeat(32));
    String sid = newSid("SM");
    parameters.put("MessageSid", sid);
    parameters.put("SmsSid", sid);
    parameters.put("From", from);
    parameters.put("To", "+14155550100");
    parameters.put("Body", body);
    parameters.put("NumMedia", "0");
    return parameters;
  }

  static Map<String, String> inboundCall(String from) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("AccountSid", "AC" + "0".repeat(32));
    parameters.put("CallSid", newSid("CA"));
    parameters.put("From", from);
    parameters.put("To", "+14155550100");
    parameters.put("CallStatus", "ringing");
    parameters.put("Direction", "inbound");
    return parameters;
  }

  static String newSid(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }

  // --- raw HTTP ---

  HttpResponse<String> post(String path, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    return send(request.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI uri(String path) {
    return URI.create(base + path);
  }

  static String form(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> parse(String json) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = JSON.readValue(json, Map.class);
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
