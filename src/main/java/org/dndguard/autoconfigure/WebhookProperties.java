package org.dndguard.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The provider webhooks, under {@code dnd.webhooks}.
 *
 * @param publicBaseUrl the URL at which providers and recipients reach this application's root,
 *     e.g. {@code https://dnd.example.com}; Twilio signs the full public URL, so behind a proxy this
 *     must be the proxy's address (the webhook paths, such as {@code /webhooks/twilio/sms}, and the
 *     unsubscribe path are appended to it). No default: with Twilio or Mailgun configured
 *     ({@code dnd.messaging.*}), a Twilio auth token ({@code dnd.webhooks.twilio.auth-token}) or
 *     unsubscribe links ({@code dnd.unsubscribe.*}) and no public URL, the application does not start
 * @param maxBodySize the largest request body a webhook accepts; larger ones are refused with 413
 *     before they are read further
 * @param twilio Twilio's webhooks ({@code dnd.webhooks.twilio.*})
 * @param mailgun Mailgun's event webhook ({@code dnd.webhooks.mailgun.*})
 * @param enabled whether the webhook endpoints are served; off, DND Guard adds no endpoint below
 *     {@code base-path}
 * @param basePath the path below which the webhooks live, e.g. {@code /dnd/webhooks/twilio/sms};
 *     it starts with {@code /} and does not end with one (the reference application uses
 *     {@code /webhooks})
 */
public record WebhookProperties(
    String publicBaseUrl,
    @DefaultValue("64KB") DataSize maxBodySize,
    @DefaultValue Twilio twilio,
    @DefaultValue Mailgun mailgun,
    @DefaultValue("true") boolean enabled,
    @DefaultValue(WebhookProperties.DEFAULT_BASE_PATH) String basePath) {

  /** The property of the public URL. */
  public static final String PUBLIC_BASE_URL_PROPERTY = "dnd.webhooks.public-base-url";

  /** The library's default base path. */
  public static final String DEFAULT_BASE_PATH = "/dnd/webhooks";

  public WebhookProperties {
    basePath = BasePaths.require(basePath, "dnd.webhooks.base-path");
    publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : publicBaseUrl.trim();
  }

  /**
   * Refuses a configuration whose links or signatures need the public URL when it is not set: an
   * e-mail with a dead unsubscribe link, status callbacks that never arrive and Twilio signatures
   * that never match would otherwise go unnoticed.
   *
   * @throws IllegalArgumentException naming {@code dnd.webhooks.public-base-url} and what needs it
   */
  void requirePublicBaseUrl(MessagingProperties messaging, UnsubscribeProperties unsubscribe) {
    if (publicBaseUrl != null) {
      return;
    }
    List<String> needing = new ArrayList<>();
    if (messaging != null && messaging.enabled()) {
      if (messaging.twilio() != null && messaging.twilio().configured() && messaging.twilio().statusCallback()) {
        needing.add("dnd.messaging.twilio (Twilio's status callbacks)");
      }
      if (messaging.mailgun() != null && messaging.mailgun().apiKey() != null
          && !messaging.mailgun().apiKey().isBlank()) {
        needing.add("dnd.messaging.mailgun (the unsubscribe links of its e-mail)");
      }
    }
    if (enabled && twilio != null && twilio.authToken() != null && !twilio.authToken().isBlank()) {
      needing.add("dnd.webhooks.twilio.auth-token (Twilio signs the public URL of each webhook)");
    }
    if (unsubscribe != null && unsubscribe.configured()) {
      needing.add("dnd.unsubscribe (the one-click unsubscribe links)");
    }
    if (!needing.isEmpty()) {
      throw new IllegalArgumentException(PUBLIC_BASE_URL_PROPERTY + " is not set, but " + String.join(", ", needing)
          + " need" + (needing.size() == 1 ? "s" : "") + " it: set " + PUBLIC_BASE_URL_PROPERTY + " to the URL at"
          + " which providers and recipients reach this application, e.g. https://dnd.example.com"
          + " (http://localhost:8080 for a trial on this machine only)");
    }
  }

  /**
   * Twilio's status callback, inbound SMS and inbound call webhooks.
   *
   * @param authToken the Twilio account's auth token, which signs every request
   *     ({@code X-Twilio-Signature}); without it every Twilio webhook request is refused
   * @param optOutReply the text answered to an opt-out keyword (STOP); blank answers nothing
   * @param optInReply the text answered to an opt-in keyword (START); blank answers nothing
   * @param optInBlockedReply the text answered instead of {@code optInReply} when SMS stays in DND
   *     after the opt-in, because a user set SMS DND or DND on ALL channels, which an opt-in does
   *     not lift; it is sent even when Twilio confirmed the opt-in itself; blank answers nothing
   * @param helpReply the text answered to HELP or INFO; CTIA wants it to name the program, say
   *     how to get help and how to opt out; blank answers nothing
   * @param voiceResponse the TwiML verbs answered to a call that inbound CALL DND does not block,
   *     without the enclosing {@code <Response>} element; blank answers an empty response
   */
  public record Twilio(
      String authToken,
      @DefaultValue("You are unsubscribed and will receive no more messages. Reply START to resubscribe.")
      String optOutReply,
      @DefaultValue("You are resubscribed. Reply HELP for help, STOP to unsubscribe.")
      String optInReply,
      @DefaultValue("You are still unsubscribed from our texts at your or our request. Contact us to change this.")
      String optInBlockedReply,
      @DefaultValue("DND Guard alerts: for help, contact the sender of these messages. Msg&data rates may apply."
          + " Reply STOP to unsubscribe.")
      String helpReply,
      @DefaultValue("<Say>Thank you for calling. Nobody can take your call at the moment;"
          + " please try again later.</Say>")
      String voiceResponse) {
  }

  /**
   * Mailgun's event webhook.
   *
   * @param signingKey the Mailgun account's HTTP webhook signing key; without it every Mailgun
   *     webhook request is refused
   * @param timestampWindow how far a signature's timestamp may be from now, either way; older or
   *     newer requests are refused as replays
   */
  public record Mailgun(String signingKey, @DefaultValue("5m") Duration timestampWindow) {
  }
}
