package org.dndguard.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dndguard.provider.internal.FormParameters;
import org.dndguard.provider.internal.TwiML;
import org.dndguard.provider.internal.TwilioSignature;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks, all form-encoded and signed: {@code POST /webhooks/twilio/status} (message
 * status callback, answers JSON), {@code /webhooks/twilio/sms} (inbound text) and
 * {@code /webhooks/twilio/voice} (inbound call), which answer TwiML. Errors are problem details
 * ({@link WebhookProblemAdvice}).
 */
@RestController
public class TwilioWebhookController {

  private final TwilioWebhooks webhooks;
  private final long maxBodySize;

  public TwilioWebhookController(TwilioWebhooks webhooks, long maxBodySize) {
    this.webhooks = webhooks;
    this.maxBodySize = maxBodySize;
  }

  @PostMapping(path = DndPaths.WEBHOOKS + "/twilio/status")
  public ResponseEntity<Map<String, Object>> status(HttpServletRequest request) {
    TwilioWebhooks.Receipt receipt = webhooks.status(read(request));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sid", receipt.sid());
    body.put("outcome", receipt.outcome());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  @PostMapping(path = DndPaths.WEBHOOKS + "/twilio/sms")
  public ResponseEntity<String> sms(HttpServletRequest request) {
    return twiml(webhooks.sms(read(request)).answer());
  }

  @PostMapping(path = DndPaths.WEBHOOKS + "/twilio/voice")
  public ResponseEntity<String> voice(HttpServletRequest request) {
    return twiml(webhooks.voice(read(request)).answer());
  }

  private TwilioWebhooks.Request read(HttpServletRequest request) {
    MediaType type = WebhookRequests.requireContentType(request, MediaType.APPLICATION_FORM_URLENCODED, "Twilio");
    byte[] body = WebhookRequests.readBody(request, maxBodySize);
    FormParameters parameters = FormParameters.parse(body, WebhookRequests.charset(type));
    // the path Twilio was given, not the servlet's: the public base URL carries any prefix a proxy adds
    return new TwilioWebhooks.Request(WebhookRequests.path(request), request.getQueryString(), parameters,
        request.getHeader(TwilioSignature.HEADER));
  }

  private static ResponseEntity<String> twiml(TwiML answer) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(TwiML.CONTENT_TYPE)).body(answer.document());
  }
}
