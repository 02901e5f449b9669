package org.dndguard.provider.internal;

/**
 * A webhook whose secret is not configured: no request can be verified, so every one is refused
 * until the operator sets the property this names.
 */
public class WebhookNotConfiguredException extends WebhookRejectedException {

  public WebhookNotConfiguredException(String provider, String property) {
    super(property, "The " + provider + " webhook is not configured: set " + property
        + " to verify its requests; until then every request is refused");
  }
}
