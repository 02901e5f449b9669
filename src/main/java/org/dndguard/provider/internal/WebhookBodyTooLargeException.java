package org.dndguard.provider.internal;

/** A request body over the configured limit; it was not read further. */
public class WebhookBodyTooLargeException extends WebhookRejectedException {

  private final long limit;

  public WebhookBodyTooLargeException(long limit) {
    super("body", "The request body is larger than " + limit + " bytes, the most a webhook accepts"
        + " (dnd.webhooks.max-body-size); provider events are far smaller, so this is not one");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
