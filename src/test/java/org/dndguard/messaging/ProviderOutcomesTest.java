package org.dndguard.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.dndguard.autoconfigure.MessagingContexts;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndClock;
import org.dndguard.contact.Evidence;
import org.dndguard.messaging.internal.OutboxSender;
import org.dndguard.messaging.internal.ProviderErrors;
import org.dndguard.store.ContactService;
import org.dndguard.testsupport.MutableClock;
import org.dndguard.testsupport.ProviderStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.ResourceAccessException;

/**
 * One send at most: every class of answer Twilio and Mailgun can give, from a loopback stand-in
 * that misbehaves as a provider or its network can. Only what the provider certainly did not take
 * is tried again (a refused connection, 429); a refusal fails for good; every other outcome after
 * the request left is UNKNOWN, counted, and never sent again: exactly one request reaches the
 * provider however many dispatch runs follow. The table these rows prove is in docs/messaging.md.
 */
class ProviderOutcomesTest {

  @RegisterExtension
  static final ProviderStandIn PROVIDER = new ProviderStandIn();
  /** Dispatch runs after the first, each after the longest backoff: enough for any retry to show. */
  private static final int LATER_RUNS = 4;
  /** The answer of the read-timeout case comes this late; that case's read timeout is 1 s. */
  private static final int READ_TIMEOUT_DELAY_MILLIS = 6000;

  /** In each request of this test only: a late request of an earlier test is not counted here. */
  private final String token = "once-" + UUID.randomUUID();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  enum Provider { TWILIO, MAILGUN }

  private ApplicationContextRunner runner(String twilioBase, String mailgunBase) {
    return MessagingContexts.onH2()
        .withBean(DndClock.class, () -> new DndClock(clock))
        .withBean(MeterRegistry.class, () -> meters)
        .withPropertyValues(
            "dnd.webhooks.public-base-url=https://dnd.example.com/",
            "dnd.messaging.twilio.base-url=" + twilioBase,
            "dnd.messaging.twilio.account-sid=AC0123",
            "dnd.messaging.twilio.auth-token=twilio-token",
            "dnd.messaging.twilio.from=+15005550006",
            "dnd.messaging.mailgun.base-url=" + mailgunBase,
            "dnd.messaging.mailgun.domain=mg.example.com",
            "dnd.messaging.mailgun.api-key=key-mailgun",
            "dnd.messaging.mailgun.from=care@mg.example.com",
            "dnd.unsubscribe.secret=test-only-unsubscribe-secret",
            "dnd.messaging.dispatch.max-attempts=3",
            "dnd.messaging.dispatch.backoff=1m",
            "dnd.messaging.dispatch.max-backoff=10m",
            // generous, so that a loaded machine's slow answer is not taken for a timeout; the timeout case sets its own
            "dnd.messaging.dispatch.read-timeout=20s");
  }

  private ApplicationContextRunner runner() {
    return runner(PROVIDER.baseUrl(), PROVIDER.baseUrl());
  }

  // --- UNKNOWN: the request left and may have been taken ---

  static Stream<Arguments> mayHaveBeenSent() {
    return Stream.of(Provider.values()).flatMap(provider -> Stream.of(
        Arguments.of(provider, "500", json(500, "{\"code\": 20500, \"message\": \"Internal Server Error\"}"),
            "answered HTTP 500"),
        Arguments.of(provider, "502", aResponse().withStatus(502).withBody("Bad Gateway"), "answered HTTP 502"),
        Arguments.of(provider, "503", json(503, "{\"message\": \"Service unavailable\"}"), "answered HTTP 503"),
        Arguments.of(provider, "504", aResponse().withStatus(504).withBody("Gateway Timeout"), "answered HTTP 504"),
        Arguments.of(provider, "2xx whose body is not JSON",
            aResponse().withStatus(provider == Provider.TWILIO ? 201 : 200)
                .withHeader("Content-Type", "application/json").withBody("<html>queued</html>"),
            "its answer could not be read"),
        Arguments.of(provider, "connection reset by peer", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
            "its answer could not be read"),
        Arguments.of(provider, "empty response", aResponse().withFault(Fault.EMPTY_RESPONSE),
            "its answer could not be read"),
        Arguments.of(provider, "random data, then closed", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
            "its answer could not be read"),
        Arguments.of(provider, "answer after the read timeout",
            json(provider == Provider.TWILIO ? 201 : 200, "{\"sid\": \"SM1\", \"id\": \"<1@mg>\"}")
                .withFixedDelay(READ_TIMEOUT_DELAY_MILLIS),
            "its answer could not be read")));
  }

  @ParameterizedTest(name = "{0}: {1} -> UNKNOWN, one request")
  @MethodSource
  void mayHaveBeenSent(Provider provider, String what, ResponseDefinitionBuilder answer, String detail) {
    PROVIDER.stubFor(post(urlPathMatching(path(provider))).willReturn(answer));
    ApplicationContextRunner runner = what.equals("answer after the read timeout")
        ? runner().withPropertyValues("dnd.messaging.dispatch.read-timeout=1s") : runner();
    runner.run(context -> {
      OutboxMessage queued = queue(context, provider);

      worker(context).dispatchDue();
      runLater(context);

      OutboxMessage unknown = outbox(context).find(queued.id()).orElseThrow();
      assertThat(unknown.status()).isEqualTo(MessageStatus.UNKNOWN);
      assertThat(unknown.attempts()).isEqualTo(1);
      assertThat(unknown.detail()).contains(detail)
          .endsWith("the message may have been sent, so it is not sent again");
      PROVIDER.verify(1, thisTestsRequests());
      assertThat(meters.counter(OutboxSender.UNKNOWN_METRIC).count()).isEqualTo(1.0);
      assertThat(outbox(context).messagesOf("ann", MessageStatus.UNKNOWN, 0, 10)).extracting(OutboxMessage::id)
          .containsExactly(queued.id());
    });
  }

  // --- retried: the provider certainly did not take it ---

  @ParameterizedTest(name = "{0}: 429 -> retried, then FAILED")
  @MethodSource("providers")
  void aRateLimitIsRetriedUntilTheAttemptsAreSpent(Provider provider) {
    PROVIDER.stubFor(post(urlPathMatching(path(provider))).willReturn(json(429,
        "{\"code\": 20429, \"message\": \"Too Many Requests\"}")));
    runner().run(context -> {
      OutboxMessage queued = queue(context, provider);

      assertThat(worker(context).dispatchDue().retried()).isEqualTo(1);
      assertThat(outbox(context).find(queued.id()).orElseThrow().status()).isEqualTo(MessageStatus.PENDING);
      runLater(context);

      OutboxMessage failed = outbox(context).find(queued.id()).orElseThrow();
      assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
      assertThat(failed.attempts()).isEqualTo(3);
      assertThat(failed.detail()).startsWith("Gave up after 3 attempts; the last one failed: ")
          .contains("answered HTTP 429");
      PROVIDER.verify(3, thisTestsRequests());
      assertThat(meters.counter(OutboxSender.UNKNOWN_METRIC).count()).isZero();
    });
  }

  @ParameterizedTest(name = "{0}: connection refused -> retried")
  @MethodSource("providers")
  void aRefusedConnectionIsRetried(Provider provider) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String closed = "http://127.0.0.1:" + closedPort;
    runner(closed, closed).run(context -> {
      OutboxMessage queued = queue(context, provider);

      assertThat(worker(context).dispatchDue().retried()).isEqualTo(1);
      OutboxMessage pending = outbox(context).find(queued.id()).orElseThrow();
      assertThat(pending.status()).isEqualTo(MessageStatus.PENDING);
      assertThat(pending.detail()).startsWith("Attempt 1 failed: "
          + (provider == Provider.TWILIO ? "Twilio" : "Mailgun") + " could not be reached");
      runLater(context);
      OutboxMessage failed = outbox(context).find(queued.id()).orElseThrow();
      assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
      assertThat(failed.attempts()).isEqualTo(3);
    });
  }

  @ParameterizedTest(name = "{0}: 429, then accepted -> SENT on the second attempt, two requests")
  @MethodSource("providers")
  void aMessageRetriedAfterARateLimitIsSentOnce(Provider provider) {
    PROVIDER.stubFor(post(urlPathMatching(path(provider))).inScenario("limited")
        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(json(429, "{\"message\": \"slow down\"}")).willSetStateTo("open"));
    PROVIDER.stubFor(post(urlPathMatching(path(provider))).inScenario("limited").whenScenarioStateIs("open")
        .willReturn(json(provider == Provider.TWILIO ? 201 : 200, "{\"sid\": \"SM42\", \"id\": \"<42@mg>\"}")));
    runner().run(context -> {
      OutboxMessage queued = queue(context, provider);

      worker(context).dispatchDue();
      runLater(context);

      OutboxMessage sent = outbox(context).find(queued.id()).orElseThrow();
      assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
      assertThat(sent.attempts()).isEqualTo(2);
      PROVIDER.verify(2, thisTestsRequests());
    });
  }

  // --- FAILED at once: the provider refused the request ---

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(Provider.TWILIO, json(400, "{\"code\": 21211, \"message\": \"Invalid 'To' Phone Number\"}"),
            "Twilio answered HTTP 400, error 21211: Invalid 'To' Phone Number"),
        Arguments.of(Provider.TWILIO, json(400, "{\"code\": 21408, \"message\": \"Permission to send an SMS has not"
            + " been enabled for the region\"}"), "Twilio answered HTTP 400, error 21408"),
        Arguments.of(Provider.TWILIO, json(401, "{\"code\": 20003, \"message\": \"Authenticate\"}"),
            "Twilio answered HTTP 401, error 20003: Authenticate (check dnd.messaging.twilio.account-sid and"
                + " auth-token)"),
        Arguments.of(Provider.TWILIO, json(403, "{\"code\": 20003, \"message\": \"Forbidden\"}"),
            "Twilio answered HTTP 403, error 20003: Forbidden (check"),
        Arguments.of(Provider.TWILIO, json(404, "{\"code\": 20404, \"message\": \"Not Found\"}"),
            "Twilio answered HTTP 404, error 20404"),
        Arguments.of(Provider.MAILGUN, json(400, "{\"message\": \"to parameter is not a valid address\"}"),
            "Mailgun answered HTTP 400: to parameter is not a valid address"),
        Arguments.of(Provider.MAILGUN, aResponse().withStatus(401).withBody("Forbidden"),
            "Mailgun answered HTTP 401: Forbidden (check dnd.messaging.mailgun.api-key"),
        Arguments.of(Provider.MAILGUN, json(402, "{\"message\": \"Request failed\"}"),
            "Mailgun answered HTTP 402: Request failed"),
        Arguments.of(Provider.MAILGUN, json(403, "{\"message\": \"Domain not allowed\"}"),
            "Mailgun answered HTTP 403: Domain not allowed"),
        Arguments.of(Provider.MAILGUN, json(404, "{\"message\": \"Domain not found: mg.example.com\"}"),
            "Mailgun answered HTTP 404: Domain not found"),
        Arguments.of(Provider.MAILGUN, json(413, "{\"message\": \"Message too large\"}"),
            "Mailgun answered HTTP 413: Message too large"));
  }

  @ParameterizedTest(name = "{0}: {2} -> FAILED, one request")
  @MethodSource
  void refused(Provider provider, ResponseDefinitionBuilder answer, String detail) {
    PROVIDER.stubFor(post(urlPathMatching(path(provider))).willReturn(answer));
    runner().run(context -> {
      OutboxMessage queued = queue(context, provider);

      worker(context).dispatchDue();
      runLater(context);

      OutboxMessage failed = outbox(context).find(queued.id()).orElseThrow();
      assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
      assertThat(failed.detail()).startsWith(detail);
      PROVIDER.verify(1, thisTestsRequests());
      assertThat(meters.counter(OutboxSender.UNKNOWN_METRIC).count()).isZero();
    });
  }

  // --- the classification of connections that failed, with the JDK client's own exception types ---

  @Test
  void aConnectTimeoutIsRetriedAndAReadTimeoutIsUnknown() {
    DispatchException connect = ProviderErrors.ioFailure("Twilio", new ResourceAccessException("I/O error",
        new HttpConnectTimeoutException("HTTP connect timed out")));
    assertThat(connect.retryable()).isTrue();
    assertThat(connect.mayHaveBeenSent()).isFalse();
    DispatchException read = ProviderErrors.ioFailure("Twilio", new ResourceAccessException("I/O error",
        new HttpTimeoutException("request timed out")));
    assertThat(read.retryable()).isFalse();
    assertThat(read.mayHaveBeenSent()).isTrue();
  }

  // --- helpers ---

  static Stream<Provider> providers() {
    return Stream.of(Provider.values());
  }

  private static String path(Provider provider) {
    return provider == Provider.TWILIO ? "/2010-04-01/Accounts/[^/]+/Messages.json" : "/v3/mg.example.com/messages";
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** Dispatch runs, each after the longest backoff, so that anything due again is tried again. */
  private void runLater(ApplicationContext context) {
    for (int i = 0; i < LATER_RUNS; i++) {
      clock.advance(Duration.ofMinutes(11));
      worker(context).dispatchDue();
    }
  }

  private OutboxMessage queue(ApplicationContext context, Provider provider) {
    context.getBean(ContactService.class).register("ann",
        new ContactAddresses("+14155550100", "ann@example.com", null, null, null),
        Evidence.user("test", clock.instant()));
    Channel channel = provider == Provider.TWILIO ? Channel.SMS : Channel.EMAIL;
    return outbox(context).queueManual(MessageRequest.manual("ann", channel, channel == Channel.EMAIL ? "Hi" : null,
        "once only " + token, "demo"));
  }

  private RequestPatternBuilder thisTestsRequests() {
    return anyRequestedFor(anyUrl()).withRequestBody(containing(token));
  }

  private static Outbox outbox(ApplicationContext context) {
    return context.getBean(Outbox.class);
  }

  private static OutboxWorker worker(ApplicationContext context) {
    return context.getBean(OutboxWorker.class);
  }
}
