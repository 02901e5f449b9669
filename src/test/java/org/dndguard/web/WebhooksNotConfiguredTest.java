package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.dndguard.autoconfigure.DndProperties;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.testsupport.ProviderSigning;
import org.dndguard.testsupport.ReferenceAppContext;
import org.dndguard.web.internal.MailgunWebhookController;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Without its secret a webhook refuses every request, naming the property to set, even one signed
 * with the secret it ought to have. The one context of its own among the webhook tests, since the
 * shared one has the development secrets.
 */
@ReferenceAppContext(properties = {"dnd.webhooks.twilio.auth-token=", "dnd.webhooks.mailgun.signing-key="})
class WebhooksNotConfiguredTest {

  private static final String DEVELOPMENT_TWILIO_TOKEN = "dev-only-twilio-auth-token";
  private static final String DEVELOPMENT_MAILGUN_KEY = "dev-only-mailgun-signing-key";

  @LocalServerPort
  int port;

  @Autowired
  DndProperties properties;

  @Test
  void everyTwilioWebhookRefusesNamingTheAuthTokenProperty() {
    WebhookClient client = new WebhookClient(port, properties);
    Map<String, Map<String, String>> requests = Map.of(
        TwilioWebhooks.STATUS_PATH, WebhookClient.statusCallback("+14155550101", "failed", "21610"),
        TwilioWebhooks.SMS_PATH, WebhookClient.inboundSms("+14155550101", "STOP"),
        TwilioWebhooks.VOICE_PATH, WebhookClient.inboundCall("+14155550101"));

    requests.forEach((path, parameters) -> {
      String signature = ProviderSigning.twilio(DEVELOPMENT_TWILIO_TOKEN, properties.webhooks().publicBaseUrl() + path,
          parameters);
      HttpResponse<String> response = client.twilio(path, parameters, signature);
      WebhookHttpTestSupport.assertProblem(response, 403, "dnd.webhooks.twilio.auth-token",
          "set dnd.webhooks.twilio.auth-token");
      assertThat(WebhookClient.parse(response.body())).containsEntry("title", "Webhook not configured")
          .containsEntry("type", "urn:dndguard:problem:webhook-not-configured");
    });
  }

  @Test
  void theMailgunWebhookRefusesNamingTheSigningKeyProperty() {
    Instant now = Instant.now();
    String timestamp = Long.toString(now.getEpochSecond());
    String token = WebhookClient.newToken();
    Map<String, Object> body = Map.of(
        "signature", Map.of("timestamp", timestamp, "token", token,
            "signature", ProviderSigning.mailgun(DEVELOPMENT_MAILGUN_KEY, timestamp, token)),
        "event-data", WebhookClient.mailgunEvent("complained", "ann@example.com"));

    HttpResponse<String> response = new WebhookClient(port, properties).post(MailgunWebhookController.PATH,
        "application/json", WebhookClient.json(body), Map.of());

    WebhookHttpTestSupport.assertProblem(response, 403, "dnd.webhooks.mailgun.signing-key",
        "set dnd.webhooks.mailgun.signing-key");
  }
}
