package org.dndguard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.provider.internal.FormParameters;
import org.dndguard.provider.internal.InboundSmsCorrelator;
import org.dndguard.provider.internal.MailgunSignature;
import org.dndguard.provider.internal.MailgunWebhooks;
import org.dndguard.provider.internal.ProviderEventLog;
import org.dndguard.provider.internal.ProviderOutcome;
import org.dndguard.provider.internal.SentMessageLookup;
import org.dndguard.provider.internal.TwiML;
import org.dndguard.provider.internal.TwilioSignature;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.provider.internal.WebhookSignatureException;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndService;
import org.dndguard.store.DndTables;
import org.dndguard.testsupport.ProviderSigning;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The webhooks' database guarantees on both databases DND Guard runs on: a duplicate delivered to
 * two nodes at once changes DND once, a Mailgun token is refused by a node that did not see it
 * first (or after a restart), and the outbox's message lookup reaches its contact. Two handler
 * instances on one database stand for two nodes.
 */
class ProviderEventsOnDatabasesTest {

  private static final String MAILGUN_KEY = "test-mailgun-key";
  private static final String TWILIO_TOKEN = "test-twilio-token";
  private static final String BASE_URL = "https://dnd.example.com";

  static Stream<Arguments> databases() {
    return Stream.of(Arguments.of(Named.of("H2", (Callable<DataSource>) TestDatabases::h2)),
        Arguments.of(Named.of("PostgreSQL", (Callable<DataSource>) TestDatabases::postgres)));
  }

  /** One node: DND Guard's store and webhook handlers on the database. */
  private record Node(DndService dnd, ContactService contacts, AuditTrail audit, ProviderEventLog log,
      MailgunWebhooks mailgun, TwilioWebhooks twilio) {

    static Node on(DataSource dataSource, SentMessageLookup sentMessages) {
      DndTables tables = new DndTables(dataSource, DndSchema.migrate(dataSource));
      Clock clock = Clock.systemUTC();
      AddressNormalizer normalizer = new AddressNormalizer("US");
      AuditTrail audit = new AuditTrail(tables);
      DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
      DndService dnd = new DndService(tables, audit, event -> { }, transactions, normalizer, clock);
      ProviderEventLog log = new ProviderEventLog(tables);
      MailgunWebhooks mailgun = new MailgunWebhooks(new MailgunSignature(MAILGUN_KEY, Duration.ofMinutes(5), clock),
          log, dnd, audit, normalizer, transactions);
      DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
      if (sentMessages != null) {
        beans.registerSingleton("sentMessages", sentMessages);
      }
      // status callbacks never correlate, so these nodes need no process engine behind the correlator
      TwilioWebhooks twilio = new TwilioWebhooks(new TwilioSignature(TWILIO_TOKEN, BASE_URL), log, dnd, audit,
          normalizer, InboundSmsCorrelator.byVariable(null, "contactId", new org.dndguard.testsupport.NoDeliveries(), log), beans.getBeanProvider(SentMessageLookup.class),
          new TwilioWebhooks.Replies("out", "in", "still", "help", TwiML.empty()), transactions);
      return new Node(dnd, new ContactService(dnd, normalizer), audit, log, mailgun, twilio);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aMailgunEventDeliveredToTwoNodesAtOnceChangesDndOnce(Callable<DataSource> database) throws Exception {
    // given
    DataSource dataSource = database.call();
    Node one = Node.on(dataSource, null);
    Node two = Node.on(dataSource, null);
    String contactId = "c-" + UUID.randomUUID();
    String email = contactId + "@example.com";
    one.contacts().register(contactId, new ContactAddresses(null, email, null, null, null), evidence());
    String eventId = "evt-" + UUID.randomUUID();

    // when: the same event, each delivery signed afresh as Mailgun does, on both nodes at once, several times
    List<MailgunWebhooks.Receipt> receipts = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      receipts.addAll(concurrently(
          () -> one.mailgun().receive(mailgunBody(eventId, email)),
          () -> two.mailgun().receive(mailgunBody(eventId, email))));
    }

    // then
    assertThat(receipts).extracting(MailgunWebhooks.Receipt::outcome)
        .containsOnly(ProviderOutcome.DND_SET, ProviderOutcome.DUPLICATE)
        .filteredOn(outcome -> outcome == ProviderOutcome.DND_SET).hasSize(1);
    assertThat(one.dnd().record(contactId).entry(DndTarget.EMAIL, DndReason.SPAM_COMPLAINT)).isPresent();
    assertThat(sets(one, contactId)).hasSize(1);
    assertThat(one.log().find(Source.MAILGUN, eventId)).get()
        .extracting(ProviderEventLog.ProviderEvent::outcome).isEqualTo(ProviderOutcome.DND_SET);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aTwilioStatusDeliveredToTwoNodesAtOnceChangesDndOnce(Callable<DataSource> database) throws Exception {
    // given
    DataSource dataSource = database.call();
    Node one = Node.on(dataSource, null);
    Node two = Node.on(dataSource, null);
    String contactId = "c-" + UUID.randomUUID();
    String phone = randomPhone();
    one.contacts().register(contactId, new ContactAddresses(phone, null, null, null, null), evidence());
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");

    // when
    List<TwilioWebhooks.Receipt> receipts = concurrently(
        () -> one.twilio().status(status(sid, phone, "21610")),
        () -> two.twilio().status(status(sid, phone, "21610")));

    // then
    assertThat(receipts).extracting(TwilioWebhooks.Receipt::outcome)
        .containsExactlyInAnyOrder(ProviderOutcome.DND_SET, ProviderOutcome.DUPLICATE);
    assertThat(sets(one, contactId)).singleElement()
        .satisfies(row -> assertThat(row.reason()).isEqualTo(DndReason.CARRIER_PERMANENT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aMailgunTokenIsRefusedByANodeThatDidNotSeeItFirstAndAfterARestart(Callable<DataSource> database)
      throws Exception {
    // given: one node accepted an event
    DataSource dataSource = database.call();
    Node one = Node.on(dataSource, null);
    String contactId = "c-" + UUID.randomUUID();
    String email = contactId + "@example.com";
    one.contacts().register(contactId, new ContactAddresses(null, email, null, null, null), evidence());
    byte[] captured = mailgunBody("evt-" + UUID.randomUUID(), "other-" + email);
    one.mailgun().receive(captured);

    // when: the captured request is replayed to another node, and to a node started afresh
    Node other = Node.on(dataSource, null);
    Node restarted = Node.on(dataSource, null);

    // then
    for (Node node : List.of(other, restarted)) {
      assertThatThrownBy(() -> node.mailgun().receive(captured))
          .isInstanceOf(WebhookSignatureException.class)
          .hasMessageContaining("signature.token was used before");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aCarrierErrorReachesTheContactTheOutboxSentTheMessageTo(Callable<DataSource> database) throws Exception {
    // given: the outbox sent a message to a contact whose number has changed since
    DataSource dataSource = database.call();
    String contactId = "c-" + UUID.randomUUID();
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    SentMessageLookupFake outbox = new SentMessageLookupFake(Map.of(sid, contactId));
    Node node = Node.on(dataSource, outbox);
    String oldNumber = randomPhone();
    node.contacts().register(contactId, new ContactAddresses(randomPhone(), null, null, null, null), evidence());

    // when
    TwilioWebhooks.Receipt receipt = node.twilio().status(status(sid, oldNumber, "30004"));

    // then: the contact, and the old number for whoever gets it next
    assertThat(receipt.outcome()).isEqualTo(ProviderOutcome.DND_SET);
    assertThat(node.dnd().record(contactId).entry(DndTarget.SMS, DndReason.CARRIER_PERMANENT)).get()
        .satisfies(entry -> assertThat(entry.evidence().note()).contains("found by the outbox's message id"));
    assertThat(node.log().forAddress(AddressKind.PHONE, oldNumber, 10)).singleElement().satisfies(event -> {
      assertThat(event.eventKey()).isEqualTo("status:" + sid + ":undelivered");
      assertThat(event.kind()).isEqualTo(ProviderEventLog.EventKind.TWILIO_STATUS);
      assertThat(event.outcome()).isEqualTo(ProviderOutcome.DND_SET);
    });
    String next = "c-" + UUID.randomUUID();
    node.contacts().register(next, new ContactAddresses(oldNumber, null, null, null, null), evidence());
    assertThat(node.dnd().record(next).isBlocked(Channel.SMS)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anErrorForANumberThatCannotBeReadIsKeptAsSentAndReachesTheContactTheOutboxSentTo(
      Callable<DataSource> database) throws Exception {
    // given: Twilio names a recipient DND Guard cannot read as a number
    DataSource dataSource = database.call();
    String contactId = "c-" + UUID.randomUUID();
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    Node node = Node.on(dataSource, new SentMessageLookupFake(Map.of(sid, contactId)));
    node.contacts().register(contactId, new ContactAddresses(randomPhone(), null, null, null, null), evidence());
    String unreadable = "12-" + UUID.randomUUID();

    // when
    TwilioWebhooks.Receipt receipt = node.twilio().status(status(sid, unreadable, "21610"));

    // then: kept for the address as sent, audited, and the contact the message went to has it too
    assertThat(receipt.outcome()).isEqualTo(ProviderOutcome.DND_SET);
    assertThat(node.audit().addressHistory(AddressKind.PHONE, unreadable, 0, 10)).singleElement()
        .satisfies(row -> assertThat(row.reason()).isEqualTo(DndReason.CARRIER_PERMANENT));
    assertThat(node.dnd().record(contactId).entry(DndTarget.SMS, DndReason.CARRIER_PERMANENT)).isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aWhatsAppStopFromASenderThatCannotBeReadIsKeptAsSent(Callable<DataSource> database) throws Exception {
    DataSource dataSource = database.call();
    Node node = Node.on(dataSource, null);
    String sender = "whatsapp:12-" + UUID.randomUUID();
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");

    TwilioWebhooks.Receipt receipt = node.twilio().sms(request(TwilioWebhooks.SMS_PATH,
        Map.of("MessageSid", sid, "From", sender, "Body", "STOP")));

    assertThat(receipt.outcome()).isEqualTo(ProviderOutcome.DND_SET);
    assertThat(node.audit().addressHistory(AddressKind.WHATSAPP, sender, 0, 10)).singleElement().satisfies(row -> {
      assertThat(row.target()).isEqualTo(DndTarget.WHATSAPP);
      assertThat(row.reason()).isEqualTo(DndReason.WHATSAPP_OPT_OUT);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void oldMailgunTokensAreForgotten(Callable<DataSource> database) throws Exception {
    DataSource dataSource = database.call();
    Node node = Node.on(dataSource, null);
    Instant now = Instant.now();
    assertThat(node.log().rememberMailgunToken("old", now.minus(Duration.ofHours(1)), now)).isTrue();
    assertThat(node.log().rememberMailgunToken("new", now, now)).isTrue();

    assertThat(node.log().forgetMailgunTokensSignedBefore(now.minus(Duration.ofMinutes(10)))).isEqualTo(1);
    assertThat(node.log().rememberMailgunToken("new", now, now)).isFalse();
  }

  /** The outbox's lookup as a working stand-in: the messages it sent, by sid. */
  private record SentMessageLookupFake(Map<String, String> sent) implements SentMessageLookup {
    @Override
    public Optional<String> contactIdForProviderMessage(String messageSid) {
      return Optional.ofNullable(sent.get(messageSid));
    }
  }

  @SafeVarargs
  private static <T> List<T> concurrently(Callable<T>... calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.length);
    try {
      CyclicBarrier start = new CyclicBarrier(calls.length);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return call.call();
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<AuditRecord> sets(Node node, String contactId) {
    return node.audit().inOrder(contactId).stream().filter(r -> r.action() == AuditAction.SET).toList();
  }

  private static byte[] mailgunBody(String eventId, String recipient) {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String token = UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef01";
    String json = "{\"signature\": {\"timestamp\": \"" + timestamp + "\", \"token\": \"" + token + "\", \"signature\": \""
        + ProviderSigning.mailgun(MAILGUN_KEY, timestamp, token) + "\"}, \"event-data\": {\"event\": \"complained\","
        + " \"id\": \"" + eventId + "\", \"recipient\": \"" + recipient + "\"}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static TwilioWebhooks.Request status(String sid, String to, String errorCode) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("MessageSid", sid);
    parameters.put("MessageStatus", "undelivered");
    parameters.put("To", to);
    parameters.put("ErrorCode", errorCode);
    return request(TwilioWebhooks.STATUS_PATH, parameters);
  }

  private static TwilioWebhooks.Request request(String path, Map<String, String> parameters) {
    String body = parameters.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return new TwilioWebhooks.Request(path, null,
        FormParameters.parse(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
        ProviderSigning.twilio(TWILIO_TOKEN, BASE_URL + path, parameters));
  }

  private static String randomPhone() {
    return "+1415" + (2_000_000 + (int) (Math.random() * 7_999_999));
  }

  private static Evidence evidence() {
    return Evidence.user("test", Instant.now());
  }
}
