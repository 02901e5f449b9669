package org.dndguard.messaging;

import java.util.Optional;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.Source;

/**
 * A message that a provider did not take. Whether it is tried again depends on {@link #retryable()};
 * a provider that says the recipient opted out also names the DND it means ({@link #optOut()}).
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
  private final String code;
  private final OptOut optOut;

  private DispatchException(String message, Throwable cause, boolean retryable, String code, OptOut optOut) {
    super(message, cause);
    this.retryable = retryable;
    this.code = code;
    this.optOut = optOut;
  }

  /** The provider could not take it now (unreachable, overloaded, rate limited); a later attempt may succeed. */
  public static DispatchException retryable(String message, Throwable cause) {
    return new DispatchException(message, cause, true, null, null);
  }

  /** The provider refused it for good (a malformed number, bad credentials) or it may have gone out already. */
  public static DispatchException permanent(String code, String message, Throwable cause) {
    return new DispatchException(message, cause, false, code, null);
  }

  /**
   * The provider refused it because the recipient opted out; the address gets DND for the reason.
   *
   * @param source the provider, as the audit trail names it
   */
  public static DispatchException optedOut(Source source, String code, DndReason reason, String message,
      Throwable cause) {
    return new DispatchException(message, cause, false, code, new OptOut(source, reason));
  }

  public boolean retryable() {
    return retryable;
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
