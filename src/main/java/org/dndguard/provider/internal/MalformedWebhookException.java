package org.dndguard.provider.internal;

/** A request that is not what the provider sends: wrong content type, broken body, missing or invalid field. */
public class MalformedWebhookException extends WebhookRejectedException {

  public MalformedWebhookException(String field, String message) {
    super(field, message);
  }
}
