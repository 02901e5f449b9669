package org.dndguard.messaging;

import java.util.Optional;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.Source;

/**
 * A message that a provider did not take, or may have taken. Whether it is tried again depends on
 * {@link #retryable()}: only when the provider certainly did not accept it. One that may have gone
 * out ({@link #mayHaveBeenSent()}: a 5xx, an unreadable 2xx, a reset or timeout after the request
 * was written) ends UNKNOWN and is never sent again automatically, since neither Twilio nor Mailgun
 * has an idempotency key. A provider that says the recipient opted out also names the DND it means
 * ({@link #optOut()}).
 */
public class DispatchException extends RuntimeException {

  /**
   * A provider's answer that the recipient opted out: DND for the recipient's address.
   *
   * @param source the provider, as the audit trail names it
   * @param reason the DND the answer means for the address
   */
  public record OptOut(Source source, DndReason reason) {
  }

  private final boolean retryable;
  private final boolean mayHaveBeenSent;
  private final String code;
  private final OptOut optOut;

  private DispatchException(String message, Throwable cause, boolean retryable, boolean mayHaveBeenSent,
      String code, OptOut optOut) {
    super(message, cause);
    this.retryable = retryable;
    this.mayHaveBeenSent = mayHaveBeenSent;
    this.code = code;
    this.optOut = optOut;
  }

  /**
   * The provider certainly did not take it and could not now (unreachable, rate limited); a later
   * attempt may succeed.
   */
  public static DispatchException retryable(String message, Throwable cause) {
    return new DispatchException(message, cause, true, false, null, null);
  }

  /** The provider refused it for good (a malformed number, bad credentials): it was not sent. */
  public static DispatchException permanent(String code, String message, Throwable cause) {
    return new DispatchException(message, cause, false, false, code, null);
  }

  /**
   * The request reached the provider, or may have, and its answer does not say it was refused: the
   * message may have gone out. It ends UNKNOWN and is never sent again automatically.
   */
  public static DispatchException mayHaveBeenSent(String code, String message, Throwable cause) {
    return new DispatchException(message, cause, false, true, code, null);
  }

  /**
   * The provider refused it because the recipient opted out; the address gets DND for the reason.
   *
   * @param source the provider, as the audit trail names it
   */
  public static DispatchException optedOut(Source source, String code, DndReason reason, String message,
      Throwable cause) {
    return new DispatchException(message, cause, false, false, code, new OptOut(source, reason));
  }

  /** Whether the provider certainly did not take it and a later attempt may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** Whether the message may have gone out: it must not be sent again automatically. */
  public boolean mayHaveBeenSent() {
    return mayHaveBeenSent;
  }

  /** The provider's error code, e.g. Twilio's {@code 21610}; null when it gave none. */
  public String code() {
    return code;
  }

  /** The DND the provider's answer means for the recipient's address; empty for an ordinary failure. */
  public Optional<OptOut> optOut() {
    return Optional.ofNullable(optOut);
  }
}
