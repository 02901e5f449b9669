package org.dndguard.provider.internal;

/**
 * A webhook request that DND Guard refuses. Nothing has changed when this is thrown; the message
 * says what was wrong and how to fix it. The web layer turns each kind into its HTTP status.
 */
public abstract class WebhookRejectedException extends RuntimeException {

  private final String field;

  protected WebhookRejectedException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The field, header or property that was wrong, as the provider or the operator names it; may be null. */
  public String field() {
    return field;
  }
}
