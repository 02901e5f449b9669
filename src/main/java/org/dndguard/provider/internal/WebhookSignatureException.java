package org.dndguard.provider.internal;

/**
 * A request whose signature is missing, wrong, stale or already used: it cannot be shown to come
 * from the provider, so it is not acted on.
 */
public class WebhookSignatureException extends WebhookRejectedException {

  public WebhookSignatureException(String field, String message) {
    super(field, message);
  }
}
