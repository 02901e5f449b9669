package org.dndguard.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox, SMS compliance text, dispatch and providers, under {@code dnd.messaging}.
 *
 * @param smsOptOutText the opt-out instruction added to SMS; it must name an opt-out keyword
 * @param smsSender who sends, e.g. the business name, put in front of the SMS that carry the
 *     opt-out text; blank for none
 * @param smsCompliancePeriod how long an SMS that carried the compliance text covers the
 *     contact's later SMS; after it, the next one carries the text again
 * @param dispatch how the outbox is dispatched ({@code dnd.messaging.dispatch.*})
 * @param twilio SMS and WhatsApp through Twilio ({@code dnd.messaging.twilio.*})
 * @param mailgun e-mail through Mailgun ({@code dnd.messaging.mailgun.*})
 * @param enabled whether DND Guard's messaging is on: the outbox, the {@code ${sendSms}} family of
 *     beans, dispatch and the messages API; off, a host sends messages its own way
 */
public record MessagingProperties(
    @DefaultValue("Reply STOP to unsubscribe.") String smsOptOutText,
    @DefaultValue("") String smsSender,
    @DefaultValue("30d") Duration smsCompliancePeriod,
    @DefaultValue Dispatch dispatch,
    @DefaultValue Twilio twilio,
    @DefaultValue Mailgun mailgun,
    @DefaultValue("true") boolean enabled) {

  /**
   * Dispatch of the outbox.
   *
   * @param enabled whether this node dispatches the outbox; off, messages are queued but not sent
   *     (by this node)
   * @param interval the pause between two dispatch runs
   * @param batchSize how many messages one run claims at once
   * @param maxAttempts how many times a message is handed to its provider before it fails for good
   * @param backoff the wait after the first failed attempt; it doubles after each further one
   * @param maxBackoff the longest wait between two attempts
   * @param claimTimeout after how long a claimed message whose node stopped is recovered
   * @param connectTimeout how long a provider call waits for the connection
   * @param readTimeout how long a provider call waits for the answer
   * @param logOnly whether channels without a provider only log their messages (status
   *     {@code LOGGED}, never sent, no body in the log) instead of refusing them; for development
   *     and demos (the reference application sets it); off by default, and a warning at start when on
   */
  public record Dispatch(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("10s") Duration interval,
      @DefaultValue("100") int batchSize,
      @DefaultValue("5") int maxAttempts,
      @DefaultValue("30s") Duration backoff,
      @DefaultValue("30m") Duration maxBackoff,
      @DefaultValue("5m") Duration claimTimeout,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("30s") Duration readTimeout,
      @DefaultValue("false") boolean logOnly) {

    public Dispatch {
      require(isPositive(interval), "dispatch.interval", "a positive duration, e.g. 10s");
      require(batchSize >= 1 && batchSize <= 1000, "dispatch.batch-size", "between 1 and 1000");
      require(maxAttempts >= 1, "dispatch.max-attempts", "1 or more");
      require(isPositive(backoff), "dispatch.backoff", "a positive duration, e.g. 30s");
      require(isPositive(maxBackoff) && maxBackoff.compareTo(backoff) >= 0, "dispatch.max-backoff",
          "a duration no shorter than backoff (" + backoff + ")");
      require(isPositive(connectTimeout), "dispatch.connect-timeout", "a positive duration, e.g. 5s");
      require(isPositive(readTimeout), "dispatch.read-timeout", "a positive duration, e.g. 30s");
      // a run must not lose a message it is still sending to another node's recovery
      require(claimTimeout != null && claimTimeout.compareTo(connectTimeout.plus(readTimeout).multipliedBy(2)) > 0,
          "dispatch.claim-timeout", "longer than twice connect-timeout plus read-timeout ("
              + connectTimeout.plus(readTimeout).multipliedBy(2) + ")");
    }
  }

  /**
   * Twilio's Messages API, for SMS and WhatsApp. It is used when the account SID is set.
   *
   * @param baseUrl Twilio's API
   * @param accountSid the account SID ({@code AC...}); blank: SMS and WhatsApp have no provider (refused,
   *     or only logged with {@code dispatch.log-only})
   * @param authToken the account's auth token
   * @param from the SMS sender: a number in E.164 or a Messaging Service SID ({@code MG...})
   * @param whatsappFrom the WhatsApp sender number; blank to use {@code from}
   * @param statusCallback whether Twilio reports each message's status to the Twilio webhook
   *     ({@code dnd.webhooks.public-base-url} + {@code /webhooks/twilio/status}), so that carrier
   *     errors set DND
   */
  public record Twilio(
      @DefaultValue("https://api.twilio.com") String baseUrl,
      @DefaultValue("") String accountSid,
      @DefaultValue("") String authToken,
      @DefaultValue("") String from,
      @DefaultValue("") String whatsappFrom,
      @DefaultValue("true") boolean statusCallback) {

    public Twilio {
      if (accountSid != null && !accountSid.isBlank()) {
        require(authToken != null && !authToken.isBlank(), "twilio.auth-token", "set, since the account SID is");
        require(from != null && !from.isBlank(), "twilio.from",
            "set, since the account SID is: a number in E.164 or a Messaging Service SID (MG...)");
        require(baseUrl != null && !baseUrl.isBlank(), "twilio.base-url", "set, e.g. https://api.twilio.com");
      }
    }

    /** Whether Twilio is configured; otherwise SMS and WhatsApp have no provider. */
    public boolean configured() {
      return accountSid != null && !accountSid.isBlank();
    }
  }

  /**
   * Mailgun's messages API, for e-mail. It is used when the API key is set.
   *
   * @param baseUrl Mailgun's API; {@code https://api.eu.mailgun.net} for domains in the EU region
   * @param domain the sending domain, e.g. {@code mg.example.com}
   * @param apiKey the API key; blank: e-mail has no provider (refused, or only logged with
   *     {@code dispatch.log-only})
   * @param from the From header, e.g. {@code Acme Dental <care@mg.example.com>}
   */
  public record Mailgun(
      @DefaultValue("https://api.mailgun.net") String baseUrl,
      @DefaultValue("") String domain,
      @DefaultValue("") String apiKey,
      @DefaultValue("") String from) {

    public Mailgun {
      if (apiKey != null && !apiKey.isBlank()) {
        require(domain != null && !domain.isBlank(), "mailgun.domain", "set, since the API key is");
        require(from != null && !from.isBlank(), "mailgun.from", "set, since the API key is");
        require(baseUrl != null && !baseUrl.isBlank(), "mailgun.base-url", "set, e.g. https://api.mailgun.net");
      }
    }

    /** Whether Mailgun is configured; otherwise e-mail has no provider. */
    public boolean configured() {
      return apiKey != null && !apiKey.isBlank();
    }
  }

  private static boolean isPositive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }

  private static void require(boolean condition, String property, String expected) {
    if (!condition) {
      throw new IllegalArgumentException("dnd.messaging." + property + " must be " + expected);
    }
  }
}
