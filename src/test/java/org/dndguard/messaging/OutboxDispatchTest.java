package org.dndguard.messaging;

import org.dndguard.contact.DndClock;
import org.dndguard.messaging.internal.OutboxRepository;
import org.dndguard.messaging.internal.UnsubscribeLinks;
import org.dndguard.testsupport.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dndguard.autoconfigure.MessagingContexts;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.ProviderStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Dispatch against a local HTTP server standing in for Twilio and Mailgun: the exact requests, the
 * answers, retries with backoff, and the DND check at the moment of sending.
 */
class OutboxDispatchTest {

  private static final String TWILIO_PATH = "/2010-04-01/Accounts/AC0123/Messages.json";
  private static final String MAILGUN_PATH = "/v3/mg.example.com/messages";
  @RegisterExtension
  static final ProviderStandIn PROVIDER = new ProviderStandIn();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  private ApplicationContextRunner runner() {
    return MessagingContexts.onH2()
        .withBean(DndClock.class, () -> new DndClock(clock))
        .withPropertyValues(
            "dnd.webhooks.public-base-url=https://dnd.example.com/",
            "dnd.messaging.sms-sender=Acme Dental",
            "dnd.messaging.twilio.base-url=" + PROVIDER.baseUrl(),
            "dnd.messaging.twilio.account-sid=AC0123",
            "dnd.messaging.twilio.auth-token=twilio-token",
            "dnd.messaging.twilio.from=+15005550006",
            "dnd.messaging.twilio.whatsapp-from=+14155238886",
            "dnd.messaging.mailgun.base-url=" + PROVIDER.baseUrl() + "/",
            "dnd.messaging.mailgun.domain=mg.example.com",
            "dnd.messaging.mailgun.api-key=key-mailgun",
            "dnd.messaging.mailgun.from=Acme Dental <care@mg.example.com>",
            "dnd.unsubscribe.secret=test-only-unsubscribe-secret",
            "dnd.messaging.dispatch.max-attempts=3",
            "dnd.messaging.dispatch.backoff=1m",
            "dnd.messaging.dispatch.max-backoff=10m");
  }

  // --- the exact requests ---

  @Test
  void smsGoesToTwilioAsExactlyThisRequest() {
    twilioAnswers(201, "{\"sid\": \"SM0001\", \"status\": \"queued\"}");
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+1 415 555 0100", null, null, null, null));
      OutboxMessage queued = queue(context, "ann", Channel.SMS, null, "Your table is ready.");

      DispatchSummary summary = worker(context).dispatchDue();

      assertThat(summary).isEqualTo(new DispatchSummary(1, 1, 0, 0, 0, 0));
      LoggedRequest request = onlyRequest();
      assertThat(request.getUrl()).isEqualTo(TWILIO_PATH);
      assertThat(request.getHeader("Authorization")).isEqualTo(basic("AC0123:twilio-token"));
      assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
      assertThat(form(request)).containsOnly(
          entry("To", "+14155550100"),
          entry("From", "+15005550006"),
          entry("Body", "Acme Dental: Your table is ready.\nReply STOP to unsubscribe."),
          entry("StatusCallback", "https://dnd.example.com/dnd/webhooks/twilio/status"));
      OutboxMessage sent = outbox(context).find(queued.id()).orElseThrow();
      assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
      assertThat(sent.provider()).isEqualTo("twilio");
      assertThat(sent.providerMessageId()).isEqualTo("SM0001");
      assertThat(sent.attempts()).isEqualTo(1);
      assertThat(sent.sentAt()).isEqualTo(clock.instant());
      assertThat(outbox(context).contactIdForProviderMessage("SM0001")).contains("ann");
      assertThat(outbox(context).contactIdForProviderMessage("SM9999")).isEmpty();
    });
  }

  @Test
  void whatsAppGoesToTwilioWithWhatsAppAddresses() {
    twilioAnswers(201, "{\"sid\": \"SM0002\"}");
    runner().run(context -> {
      register(context, "ann", new ContactAddresses(null, null, "whatsapp:+4915112345678", null, null));
      queue(context, "ann", Channel.WHATSAPP, null, "Hallo Ann");

      worker(context).dispatchDue();

      assertThat(form(onlyRequest())).containsOnly(
          entry("To", "whatsapp:+4915112345678"),
          entry("From", "whatsapp:+14155238886"),
          entry("Body", "Hallo Ann"),
          entry("StatusCallback", "https://dnd.example.com/dnd/webhooks/twilio/status"));
    });
  }

  @Test
  void aMessagingServiceSendsInsteadOfANumber() {
    twilioAnswers(201, "{\"sid\": \"SM0003\"}");
    runner().withPropertyValues("dnd.messaging.twilio.from=MG9752274e9e519418a7406176694466fa",
        "dnd.messaging.twilio.status-callback=false").run(context -> {
          register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
          queue(context, "ann", Channel.SMS, null, "Hi. Reply STOP to opt out");

          worker(context).dispatchDue();

          assertThat(form(onlyRequest())).containsOnly(
              entry("To", "+14155550100"),
              entry("MessagingServiceSid", "MG9752274e9e519418a7406176694466fa"),
              entry("Body", "Hi. Reply STOP to opt out"));
        });
  }

  @Test
  void emailGoesToMailgunAsExactlyThisRequest() {
    PROVIDER.stubFor(post(urlEqualTo(MAILGUN_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\": \"<20260301100000.1.ABC@mg.example.com>\", \"message\": \"Queued. Thank you.\"}")));
    runner().run(context -> {
      register(context, "ann", new ContactAddresses(null, "ann@example.com", null, null, null));
      OutboxMessage queued = queue(context, "ann", Channel.EMAIL, "Your invoice", "Hello Ann,\nthanks!");

      worker(context).dispatchDue();

      String link = context.getBean(UnsubscribeLinks.class).url(queued);
      assertThat(link).startsWith("https://dnd.example.com/dnd/unsubscribe/" + queued.id() + ".");
      LoggedRequest request = onlyRequest();
      assertThat(request.getUrl()).isEqualTo(MAILGUN_PATH);
      assertThat(request.getHeader("Authorization")).isEqualTo(basic("api:key-mailgun"));
      assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data");
      assertThat(parts(request)).containsOnly(
          entry("from", "Acme Dental <care@mg.example.com>"),
          entry("to", "ann@example.com"),
          entry("subject", "Your invoice"),
          entry("text", "Hello Ann,\nthanks!\n\n--\nTo stop getting e-mail from us, unsubscribe: " + link + "\n"),
          entry("h:List-Unsubscribe", "<" + link + ">"),
          entry("h:List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
          entry("v:dnd-outbox-id", String.valueOf(queued.id())),
          entry("v:dnd-contact-id", "ann"));
      OutboxMessage sent = outbox(context).find(queued.id()).orElseThrow();
      assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
      assertThat(sent.provider()).isEqualTo("mailgun");
      assertThat(sent.providerMessageId()).isEqualTo("20260301100000.1.ABC@mg.example.com");
    });
  }

  @Test
  void aChannelWithoutProviderRefusesTheMessageAndNothingIsSent() {
    runner().run(context -> {
      register(context, "ann", new ContactAddresses(null, null, null, "psid-123", null));

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> queue(context, "ann", Channel.FACEBOOK, null, "Hi Ann"))
          .isInstanceOf(NoProviderException.class)
          .hasMessage("No provider sends FACEBOOK messages: define a MessageDispatcher bean that sends FACEBOOK, or"
              + " set dnd.messaging.dispatch.log-only=true to only log them (status LOGGED, never sent)");

      worker(context).dispatchDue();
      assertThat(outbox(context).messagesOf("ann", null, 0, 10)).isEmpty();
      assertThat(PROVIDER.getAllServeEvents()).isEmpty();
    });
  }

  // --- provider errors ---

  @Test
  void aProviderErrorIsRetriedWithBackoffThenFails() {
    twilioAnswers(429, "{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}");
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      OutboxMessage queued = queue(context, "ann", Channel.SMS, null, "Hi");
      OutboxWorker worker = worker(context);

      assertThat(worker.dispatchDue().retried()).isEqualTo(1);
      OutboxMessage afterFirst = outbox(context).find(queued.id()).orElseThrow();
      assertThat(afterFirst.status()).isEqualTo(MessageStatus.PENDING);
      assertThat(afterFirst.attempts()).isEqualTo(1);
      assertThat(afterFirst.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
      assertThat(afterFirst.detail())
          .isEqualTo("Attempt 1 failed: Twilio answered HTTP 429, error 20429: Too Many Requests");

      clock.advance(Duration.ofSeconds(59));
      assertThat(worker.dispatchDue().claimed()).as("not due before the backoff").isZero();
      clock.advance(Duration.ofSeconds(1));
      assertThat(worker.dispatchDue().retried()).isEqualTo(1);
      assertThat(outbox(context).find(queued.id()).orElseThrow().nextAttemptAt())
          .as("the backoff doubles").isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

      clock.advance(Duration.ofMinutes(2));
      assertThat(worker.dispatchDue().failed()).isEqualTo(1);
      OutboxMessage failed = outbox(context).find(queued.id()).orElseThrow();
      assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
      assertThat(failed.attempts()).isEqualTo(3);
      assertThat(failed.detail()).isEqualTo("Gave up after 3 attempts; the last one failed: Twilio answered HTTP 429,"
          + " error 20429: Too Many Requests");
      PROVIDER.verify(3, postRequestedFor(urlEqualTo(TWILIO_PATH)));
      assertThat(outbox(context).withStatus(MessageStatus.FAILED, 0, 10)).extracting(OutboxMessage::id)
          .containsExactly(queued.id());

      clock.advance(Duration.ofHours(1));
      worker.dispatchDue();
      PROVIDER.verify(3, postRequestedFor(urlEqualTo(TWILIO_PATH)));
    });
  }

  @Test
  void aMessageThatFailedOnceIsSentByTheNextAttempt() {
    PROVIDER.stubFor(twilio().inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429)).willSetStateTo("recovered"));
    PROVIDER.stubFor(twilio().inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(json(201, "{\"sid\": \"SM0004\"}")));
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      OutboxMessage queued = queue(context, "ann", Channel.SMS, null, "Hi");

      worker(context).dispatchDue();
      clock.advance(Duration.ofMinutes(1));
      worker(context).dispatchDue();

      OutboxMessage sent = outbox(context).find(queued.id()).orElseThrow();
      assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
      assertThat(sent.attempts()).isEqualTo(2);
      assertThat(sent.providerMessageId()).isEqualTo("SM0004");
      assertThat(sent.detail()).isNull();
    });
  }

  @Test
  void aRequestTheProviderRefusesFailsAtOnce() {
    twilioAnswers(400, "{\"code\": 21211, \"message\": \"The 'To' number +14155550100 is not a valid phone"
        + " number.\", \"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}");
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      OutboxMessage queued = queue(context, "ann", Channel.SMS, null, "Hi");

      worker(context).dispatchDue();

      OutboxMessage failed = outbox(context).find(queued.id()).orElseThrow();
      assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
      assertThat(failed.detail()).isEqualTo("Twilio answered HTTP 400, error 21211: The 'To' number +14155550100 is"
          + " not a valid phone number.");
      PROVIDER.verify(1, anyRequestedFor(anyUrl()));
    });
  }

  @Test
  void twilioSayingTheNumberUnsubscribedBlocksTheMessageAndSetsSmsDnd() {
    twilioAnswers(400, "{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\","
        + " \"status\": 400}");
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      OutboxMessage queued = queue(context, "ann", Channel.SMS, null, "Hi");

      assertThat(worker(context).dispatchDue().blocked()).isEqualTo(1);

      OutboxMessage blocked = outbox(context).find(queued.id()).orElseThrow();
      assertThat(blocked.status()).isEqualTo(MessageStatus.BLOCKED);
      assertThat(blocked.dndReason()).isEqualTo(DndReason.CARRIER_PERMANENT);
      DndEntry entry = dnd(context).record("ann").blockingEntry(Channel.SMS).orElseThrow();
      assertThat(entry.reason()).isEqualTo(DndReason.CARRIER_PERMANENT);
      assertThat(entry.evidence().source()).isEqualTo(Source.TWILIO);
      assertThat(entry.evidence().code()).isEqualTo("21610");
      assertThat(entry.evidence().messageId()).isEqualTo(String.valueOf(queued.id()));
    });
  }

  @Test
  void aRequestLeftUnansweredIsNotSentAgain() {
    PROVIDER.stubFor(twilio().willReturn(json(201, "{\"sid\": \"SM0005\"}").withFixedDelay(1500)));
    runner().withPropertyValues("dnd.messaging.dispatch.read-timeout=300ms").run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      OutboxMessage queued = queue(context, "ann", Channel.SMS, null, "Hi");

      worker(context).dispatchDue();

      OutboxMessage unknown = outbox(context).find(queued.id()).orElseThrow();
      assertThat(unknown.status()).isEqualTo(MessageStatus.UNKNOWN);
      assertThat(unknown.detail()).startsWith("Twilio took the request but its answer could not be read (")
          .endsWith("the message may have been sent, so it is not sent again");
    });
  }

  @Test
  void anUnreachableProviderIsTriedAgainLater() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    runner().withPropertyValues("dnd.messaging.mailgun.base-url=http://127.0.0.1:" + closedPort).run(context -> {
      register(context, "ann", new ContactAddresses(null, "ann@example.com", null, null, null));
      OutboxMessage queued = queue(context, "ann", Channel.EMAIL, "Hi", "Hi");

      assertThat(worker(context).dispatchDue().retried()).isEqualTo(1);

      OutboxMessage pending = outbox(context).find(queued.id()).orElseThrow();
      assertThat(pending.status()).isEqualTo(MessageStatus.PENDING);
      assertThat(pending.detail()).startsWith("Attempt 1 failed: Mailgun could not be reached");
    });
  }

  // --- DND and addresses at the moment of sending ---

  @Test
  void dndSetAfterQueueingBlocksTheMessage() {
    twilioAnswers(201, "{\"sid\": \"SM0006\"}");
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", "ann@example.com", null, null, null));
      OutboxMessage queued = queue(context, "ann", Channel.EMAIL, "Hi", "Hi");
      dnd(context).set("ann", DndTarget.ALL, Evidence.user("ops", clock.instant()));

      assertThat(worker(context).dispatchDue().blocked()).isEqualTo(1);

      OutboxMessage blocked = outbox(context).find(queued.id()).orElseThrow();
      assertThat(blocked.status()).isEqualTo(MessageStatus.BLOCKED);
      assertThat(blocked.dndReason()).isEqualTo(DndReason.MANUAL);
      assertThat(blocked.detail()).isEqualTo("Blocked at dispatch: ALL DND for contact ann was set by a user (ops) on"
          + " 2026-03-01T10:00Z; a user may clear it");
      assertThat(blocked.attempts()).isZero();
      assertThat(PROVIDER.getAllServeEvents()).isEmpty();
    });
  }

  @Test
  void aMessageToAnAddressTheContactNoLongerHasIsBlocked() {
    twilioAnswers(201, "{\"sid\": \"SM0007\"}");
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      OutboxMessage queued = queue(context, "ann", Channel.SMS, null, "Hi");
      register(context, "ann", new ContactAddresses("+14155550199", null, null, null, null));

      worker(context).dispatchDue();

      OutboxMessage blocked = outbox(context).find(queued.id()).orElseThrow();
      assertThat(blocked.status()).isEqualTo(MessageStatus.BLOCKED);
      assertThat(blocked.dndReason()).isNull();
      assertThat(blocked.detail()).isEqualTo("The contact's phone number changed since the message was queued"
          + " (from +14155550100 to +14155550199); not sent to the old one");
      assertThat(PROVIDER.getAllServeEvents()).isEmpty();
    });
  }

  // --- a run that stopped half way ---

  @Test
  void aDatabaseErrorAfterTheProviderAcceptedNeverSendsTheMessageAgainAndItEndsUnknown() {
    // the provider's id is longer than the column, so recording the send fails in the database
    twilioAnswers(201, "{\"sid\": \"SM" + "9".repeat(300) + "\"}");
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      OutboxMessage queued = queue(context, "ann", Channel.SMS, null, "once only");

      worker(context).dispatchDue();
      clock.advance(Duration.ofHours(1));
      worker(context).dispatchDue();

      assertThat(PROVIDER.getAllServeEvents()).hasSize(1);
      OutboxMessage unknown = outbox(context).find(queued.id()).orElseThrow();
      assertThat(unknown.status()).isEqualTo(MessageStatus.UNKNOWN);
      assertThat(unknown.detail()).contains("twilio accepted the message").contains("not sent again");
    });
  }

  @Test
  void claimsOfAStoppedRunAreRecoveredWithoutSendingAnythingTwice() {
    twilioAnswers(201, "{\"sid\": \"SM0008\"}");
    runner().run(context -> {
      register(context, "ann", new ContactAddresses("+14155550100", null, null, null, null));
      OutboxMessage untouched = queue(context, "ann", Channel.SMS, null, "first");
      OutboxMessage inFlight = queue(context, "ann", Channel.SMS, null, "second");
      OutboxRepository repository = outbox(context).repository();
      // another node claimed both, handed the second to Twilio and stopped
      assertThat(repository.claim("dead-node-claim", clock.instant(), 10)).hasSize(2);
      assertThat(repository.startSending(inFlight.id(), "dead-node-claim", clock.instant())).isTrue();

      clock.advance(Duration.ofMinutes(4));
      assertThat(worker(context).dispatchDue().claimed()).as("the claims are not stale yet").isZero();
      clock.advance(Duration.ofMinutes(1).plusSeconds(1));
      worker(context).dispatchDue();

      assertThat(outbox(context).find(untouched.id()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
      OutboxMessage unknown = outbox(context).find(inFlight.id()).orElseThrow();
      assertThat(unknown.status()).isEqualTo(MessageStatus.UNKNOWN);
      assertThat(unknown.detail()).contains("whether it was sent is unknown, so it is not sent again");
      assertThat(form(onlyRequest())).containsEntry("Body", "Acme Dental: first\nReply STOP to unsubscribe.");
      // the stopped run's late answer changes nothing
      assertThat(repository.markSent(inFlight.id(), "dead-node-claim", "twilio", "SM-late", clock.instant()))
          .isFalse();
    });
  }

  // --- helpers ---

  private static MappingBuilder twilio() {
    return post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages.json"));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  private static void twilioAnswers(int status, String body) {
    PROVIDER.stubFor(twilio().willReturn(json(status, body)));
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = PROVIDER.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static Map<String, String> form(LoggedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    request.formParameters().forEach((name, value) -> {
      assertThat(value.values()).as("values of %s", name).hasSize(1);
      form.put(name, value.firstValue());
    });
    return form;
  }

  private static Map<String, String> parts(LoggedRequest request) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (Request.Part part : request.getParts()) {
      assertThat(parts.put(part.getName(), part.getBody().asString())).as("part %s twice", part.getName()).isNull();
    }
    return parts;
  }

  private static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private void register(ApplicationContext context, String id, ContactAddresses addresses) {
    context.getBean(ContactService.class).register(id, addresses, Evidence.user("test", clock.instant()));
  }

  private static OutboxMessage queue(ApplicationContext context, String contactId, Channel channel, String subject,
      String body) {
    return outbox(context).queueManual(MessageRequest.manual(contactId, channel, subject, body, "demo"));
  }

  private static Outbox outbox(ApplicationContext context) {
    return context.getBean(Outbox.class);
  }

  private static OutboxWorker worker(ApplicationContext context) {
    return context.getBean(OutboxWorker.class);
  }

  private static DndService dnd(ApplicationContext context) {
    return context.getBean(DndService.class);
  }
}
