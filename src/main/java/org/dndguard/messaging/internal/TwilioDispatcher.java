package org.dndguard.messaging.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.internal.ProviderRules;
import org.dndguard.contact.Source;
import org.dndguard.messaging.DispatchException;
import org.dndguard.messaging.DispatchReceipt;
import org.dndguard.messaging.OutboxMessage;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * SMS and WhatsApp through Twilio's Messages API: {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json}, form encoded, HTTP Basic with the account SID
 * and auth token. Every message asks Twilio to report its delivery status to DND Guard's Twilio
 * webhook, so that carrier errors come back as DND.
 */
public class TwilioDispatcher extends ProviderApiDispatcher {

  private final String accountSid;
  private final String authToken;
  private final String from;
  private final String whatsappFrom;
  private final String statusCallbackUrl;

  /**
   * @param rest a client whose base URL is Twilio's API, e.g. {@code https://api.twilio.com}
   * @param from the sender: a number in E.164, or a Messaging Service SID ({@code MG...})
   * @param whatsappFrom the WhatsApp sender number; blank to use {@code from}
   * @param statusCallbackUrl where Twilio reports delivery status; null for nowhere
   */
  public TwilioDispatcher(RestClient rest, String accountSid, String authToken, String from, String whatsappFrom,
      String statusCallbackUrl) {
    super("Twilio", Set.of(Channel.SMS, Channel.WHATSAPP), rest);
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.from = from;
    this.whatsappFrom = whatsappFrom == null || whatsappFrom.isBlank() ? from : whatsappFrom;
    this.statusCallbackUrl = statusCallbackUrl;
  }

  @Override
  public DispatchReceipt send(OutboxMessage message) {
    boolean whatsapp = message.channel() == Channel.WHATSAPP;
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("To", whatsapp ? "whatsapp:" + message.recipient() : message.recipient());
    String sender = whatsapp ? whatsappFrom : from;
    if (sender.startsWith("MG")) {
      form.add("MessagingServiceSid", sender);
    } else {
      form.add("From", whatsapp ? "whatsapp:" + sender : sender);
    }
    form.add("Body", message.body());
    if (statusCallbackUrl != null) {
      form.add("StatusCallback", statusCallbackUrl);
    }
    JsonNode created = post("/2010-04-01/Accounts/{accountSid}/Messages.json", accountSid, accountSid, authToken,
        MediaType.APPLICATION_FORM_URLENCODED, form, e -> refused(message, e));
    return new DispatchReceipt(created == null ? null : created.path("sid").asText(null));
  }

  private DispatchException refused(OutboxMessage message, RestClientResponseException e) {
    JsonNode error = errorBody(e);
    String code = error == null || !error.hasNonNull("code") ? null : error.get("code").asText();
    String text = "Twilio answered HTTP " + e.getStatusCode().value()
        + (code == null ? "" : ", error " + code)
        + ": " + (error == null ? e.getStatusText() : error.path("message").asText(e.getStatusText()));
    if (e.getStatusCode().value() == 401 || e.getStatusCode().value() == 403) {
      text += " (check dnd.messaging.twilio.account-sid and auth-token)";
    }
    Optional<DndReason> optOut = message.channel() == Channel.SMS && e.getStatusCode().is4xxClientError()
        ? ProviderRules.twilioError(code) : Optional.empty();
    if (optOut.isPresent()) {
      return DispatchException.optedOut(Source.TWILIO, code, optOut.get(), text, e);
    }
    return ProviderErrors.answered(e.getStatusCode(), code, text, e);
  }

  private static JsonNode errorBody(RestClientResponseException e) {
    try {
      return e.getResponseBodyAs(JsonNode.class);
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
