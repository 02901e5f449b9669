package org.dndguard.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dndguard.autoconfigure.MessagingContexts;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Two nodes dispatch one PostgreSQL outbox at the same time, on real threads, through Twilio's
 * API (a loopback stand-in): every message reaches the provider exactly once.
 */
class OutboxConcurrencyPostgresTest {

  private static final int CONTACTS = 100;
  private static final int MESSAGES_PER_CONTACT = 10;

  private final WireMockServer twilio = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  @BeforeEach
  void startTwilio() {
    twilio.start();
    twilio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages.json")).willReturn(aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"sid\": \"SM-load\"}")));
  }

  @AfterEach
  void stopTwilio() {
    twilio.stop();
  }

  private ApplicationContextRunner node(String jdbcUrl, String accountSid) {
    return MessagingContexts.on(jdbcUrl).withPropertyValues(
        "spring.datasource.username=postgres",
        "spring.datasource.hikari.maximum-pool-size=4",
        "dnd.messaging.dispatch.batch-size=20",
        "dnd.messaging.twilio.base-url=" + twilio.baseUrl(),
        "dnd.messaging.twilio.account-sid=" + accountSid,
        "dnd.messaging.twilio.auth-token=token",
        "dnd.messaging.twilio.from=+15005550006",
        "dnd.webhooks.public-base-url=https://dnd.example.com");
  }

  @Test
  void twoNodesSendEachOfAThousandMessagesExactlyOnce() {
    String database = TestDatabases.postgresUrl(TestDatabases.postgres());
    node(database, "AC_NODE_A").run(nodeA -> node(database, "AC_NODE_B").run(nodeB -> {
      List<String> bodies = queueMessages(nodeA);

      dispatchAtOnce(nodeA.getBean(OutboxWorker.class), nodeB.getBean(OutboxWorker.class));

      List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlPathMatching(".*/Messages.json")));
      Map<String, Long> timesSent = requests.stream()
          .collect(Collectors.groupingBy(r -> r.formParameter("Body").firstValue(), Collectors.counting()));
      assertThat(timesSent.keySet()).containsExactlyInAnyOrderElementsOf(bodies);
      assertThat(timesSent.values()).allMatch(times -> times == 1);
      Map<String, Long> byNode = requests.stream()
          .collect(Collectors.groupingBy(LoggedRequest::getUrl, Collectors.counting()));
      assertThat(byNode).as("both nodes took part").containsOnlyKeys(
          "/2010-04-01/Accounts/AC_NODE_A/Messages.json", "/2010-04-01/Accounts/AC_NODE_B/Messages.json");
      Outbox outbox = nodeA.getBean(Outbox.class);
      assertThat(outbox.withStatus(MessageStatus.SENT, 0, 500).size()
          + outbox.withStatus(MessageStatus.SENT, 1, 500).size()).isEqualTo(bodies.size());
      assertThat(outbox.withStatus(MessageStatus.SENT, 0, 500)).allMatch(m -> m.attempts() == 1);
    }));
  }

  private static List<String> queueMessages(ApplicationContext node) {
    ContactService contacts = node.getBean(ContactService.class);
    Outbox outbox = node.getBean(Outbox.class);
    List<String> bodies = new ArrayList<>();
    for (int c = 0; c < CONTACTS; c++) {
      String contactId = "c-" + c;
      contacts.register(contactId, new ContactAddresses(String.format("+1415555%04d", c), null, null, null, null),
          Evidence.user("test", java.time.Instant.now()));
      for (int m = 0; m < MESSAGES_PER_CONTACT; m++) {
        // with its own opt-out instruction the body is sent as written, so each one is recognisable
        String body = "Message " + m + " for " + contactId + ". Reply STOP to opt out";
        outbox.queue(MessageRequest.fromWorkflow(contactId, Channel.SMS, null, body, "pi", "send"));
        bodies.add(body);
      }
    }
    return bodies;
  }

  /** Both workers start together and each dispatches until it finds nothing left to claim. */
  private static void dispatchAtOnce(OutboxWorker... workers) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(workers.length);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> runs = IntStream.range(0, workers.length)
          .mapToObj(i -> workers[i])
          .map((Function<OutboxWorker, Future<Integer>>) worker -> threads.submit(() -> {
            start.await();
            int claimed = 0;
            DispatchSummary summary;
            do {
              summary = worker.dispatchDue();
              claimed += summary.claimed();
            } while (summary.claimed() > 0);
            return claimed;
          }))
          .toList();
      start.countDown();
      int total = 0;
      for (Future<Integer> run : runs) {
        total += run.get(2, TimeUnit.MINUTES);
      }
      assertThat(total).as("claims across both nodes").isEqualTo(CONTACTS * MESSAGES_PER_CONTACT);
    } finally {
      threads.shutdownNow();
    }
  }
}
