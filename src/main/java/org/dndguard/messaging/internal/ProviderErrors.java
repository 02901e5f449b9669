package org.dndguard.messaging.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import org.dndguard.messaging.DispatchException;
import org.springframework.http.HttpStatusCode;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * What a provider call's failure means for the message. Neither Twilio nor Mailgun has an
 * idempotency key, so a retry is a second text or e-mail: only what certainly did not reach the
 * provider, or what it documents as not processed (429), is tried again. An answer that refuses
 * the request (any other 4xx) fails it for good. Everything else that happened after the request
 * left (a 5xx, a 2xx whose body cannot be read, a reset, a timeout after the request was written)
 * may have sent it: UNKNOWN, never sent again automatically. The table is in docs/messaging.md.
 */
public final class ProviderErrors {

  private ProviderErrors() {
  }

  /** How an HTTP answer other than 2xx is classed. */
  enum AnswerClass { RETRY, FAILED, UNKNOWN }

  /** 429: not processed, safe to retry. Any other 4xx: refused, this request will never do. Else: may be sent. */
  static AnswerClass classify(HttpStatusCode status) {
    if (status.value() == 429) {
      return AnswerClass.RETRY;
    }
    if (status.is4xxClientError()) {
      return AnswerClass.FAILED;
    }
    return AnswerClass.UNKNOWN;
  }

  /** The exception for an answer that is not a refusal of the recipient (no opt-out). */
  static DispatchException answered(HttpStatusCode status, String code, String text, Throwable cause) {
    return switch (classify(status)) {
      case RETRY -> DispatchException.retryable(text, cause);
      case FAILED -> DispatchException.permanent(code == null ? String.valueOf(status.value()) : code, text, cause);
      case UNKNOWN -> DispatchException.mayHaveBeenSent(code, text + "; the message may have been sent, so it is"
          + " not sent again", cause);
    };
  }

  /**
   * Makes one provider call. An HTTP error answer becomes {@code refused}'s exception; a call that got
   * no usable answer becomes {@link #ioFailure}'s. An error answer is a {@link RestClientException}
   * too, so it must be told apart first: only what certainly did not reach the provider is retried.
   */
  static <T> T call(String provider, Supplier<T> call,
      Function<RestClientResponseException, DispatchException> refused) {
    try {
      return call.get();
    } catch (RestClientResponseException e) {
      throw refused.apply(e);
    } catch (RestClientException e) {
      // refused connections, resets, timeouts and 2xx answers whose body cannot be read
      throw ioFailure(provider, e);
    }
  }

  /**
   * A call that got no usable answer. A connection that was never made (refused, no route, unknown
   * host, connect timeout) certainly sent nothing and is tried again; anything that failed once the
   * connection was open (a reset, an empty or garbled answer, a read timeout, a 2xx whose body
   * cannot be read) may have sent the message.
   */
  public static DispatchException ioFailure(String provider, RestClientException e) {
    if (neverConnected(e)) {
      return DispatchException.retryable(provider + " could not be reached: " + e.getMessage(), e);
    }
    return DispatchException.mayHaveBeenSent(null, provider + " took the request but its answer could not be read ("
        + e.getMessage() + "); the message may have been sent, so it is not sent again", e);
  }

  private static boolean neverConnected(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
          || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }
}
