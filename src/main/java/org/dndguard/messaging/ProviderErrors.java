package org.dndguard.messaging;

import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.ResourceAccessException;

/** What a provider call's failure means for the message: try again, or stop. */
final class ProviderErrors {

  private ProviderErrors() {
  }

  /** 429 and 5xx: the provider could not take it now. Any other 4xx: this request will never do. */
  static boolean retryable(HttpStatusCode status) {
    return status.value() == 429 || status.is5xxServerError();
  }

  /**
   * A connection that failed before the request was read is safe to try again. A request sent and
   * never answered may have been sent: trying again could send it twice, so it stops.
   */
  static DispatchException ioFailure(String provider, ResourceAccessException e) {
    Throwable cause = e.getCause();
    boolean unanswered = cause instanceof SocketTimeoutException
        || (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException));
    if (unanswered) {
      return DispatchException.permanent(null, provider + " did not answer in time; the message may have been sent,"
          + " so it is not sent again (" + cause.getMessage() + ")", e);
    }
    return DispatchException.retryable(provider + " could not be reached: " + e.getMessage(), e);
  }
}
