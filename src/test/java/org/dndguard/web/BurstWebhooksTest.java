package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.dndguard.app.DndGuardApplication;
import org.dndguard.autoconfigure.DndProperties;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.DeliveryQueue;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 12's burst: the reference app as it ships (sample {@code dnd-changed-review} deployed, job
 * executor on) with a Hikari pool of 10, on H2 and on PostgreSQL, gets 400 validly signed webhooks
 * at once from 64 client threads (STOP texts, Mailgun complaints, Twilio 30003 callbacks, Mailgun
 * permanent bounces; one contact each). Before, requests held one connection while they needed a
 * second (the DndChanged correlation after commit), and the pool ran dry: 503s and lost opt-outs.
 * Correctness, not timing: every answer 200, every event applied once, every DndChanged delivered
 * once (the sample starts once per contact); then 40 concurrent refused clears on one contact all 409.
 */
class BurstWebhooksTest {

  private static final int PER_KIND = 100;
  private static final int CLIENTS = 64;
  private static final AtomicInteger APPS = new AtomicInteger();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgres"})
  void fourHundredSignedWebhooksAtOnceAreAppliedAndDeliveredOnceAndRefusedClearsAreAll409(String database)
      throws Exception {
    try (ConfigurableApplicationContext app = start(database)) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      WebhookClient client = new WebhookClient(port, app.getBean(DndProperties.class));
      ContactService contacts = app.getBean(ContactService.class);
      DndService dnd = app.getBean(DndService.class);
      String run = database + "-" + APPS.incrementAndGet();

      // given: one contact per event
      List<Burst> bursts = new ArrayList<>();
      for (int i = 0; i < 4 * PER_KIND; i++) {
        String contactId = "burst-" + run + "-" + i;
        String phone = String.format("+1 415 %03d %04d", 200 + i / 100, i);
        String email = contactId + "@example.com";
        contacts.register(contactId, new ContactAddresses(phone, email, null, null, null),
            Evidence.user("test", Instant.now()));
        bursts.add(switch (i % 4) {
          case 0 -> new Burst(contactId, Channel.SMS, () -> client.twilio(TwilioWebhooks.SMS_PATH,
              WebhookClient.inboundSms(phone, "STOP")));
          case 1 -> new Burst(contactId, Channel.EMAIL, () -> client.mailgun(
              WebhookClient.mailgunEvent("complained", email)));
          case 2 -> new Burst(contactId, Channel.SMS, () -> client.twilio(TwilioWebhooks.STATUS_PATH,
              WebhookClient.statusCallback(phone, "undelivered", "30003")));
          default -> new Burst(contactId, Channel.EMAIL, () -> client.mailgun(
              WebhookClient.mailgunFailure("permanent", "bounce", email)));
        });
      }

      // when: all at once
      List<HttpResponse<String>> answers = all(bursts.stream().map(Burst::request).toList());

      // then: no 5xx, every answer 200, every event applied once
      assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200));
      for (Burst burst : bursts) {
        assertThat(dnd.isBlocked(burst.contactId(), burst.channel())).as(burst.contactId()).isTrue();
        assertThat(dnd.history(burst.contactId(), 0, 50)).filteredOn(row -> row.action() == AuditAction.SET)
            .as(burst.contactId()).hasSize(1);
      }
      // and every DndChanged delivered once: the sample started once per contact
      DeliveryQueue deliveries = app.getBean(DeliveryQueue.class);
      Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
      while (deliveries.pending() > 0 && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
      }
      assertThat(deliveries.pending()).isZero();
      assertThat(deliveries.failed()).isZero();
      HistoryService history = app.getBean(HistoryService.class);
      for (Burst burst : bursts) {
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("dnd-changed-review")
            .processInstanceBusinessKey(burst.contactId()).count()).as(burst.contactId()).isEqualTo(1);
      }

      // when: 40 users clear a STOP at once
      String optedOut = bursts.get(0).contactId();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String demo = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));
      List<Callable<HttpResponse<String>>> clears = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        clears.add(() -> http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contacts/"
                + optedOut + "/dnd/channels/SMS")).timeout(Duration.ofSeconds(60)).header("Authorization", demo)
            .DELETE().build(), HttpResponse.BodyHandlers.ofString()));
      }
      List<HttpResponse<String>> refused = all(clears);

      // then: all refused, each on the trail, and the opt-out stands
      assertThat(refused).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409));
      List<AuditRecord> trail = dnd.history(optedOut, 0, 100);
      assertThat(trail).filteredOn(row -> row.action() == AuditAction.REFUSED).hasSize(40);
      assertThat(dnd.isBlocked(optedOut, Channel.SMS)).isTrue();
    }
  }

  private record Burst(String contactId, Channel channel, Callable<HttpResponse<String>> request) {
  }

  private static List<HttpResponse<String>> all(List<Callable<HttpResponse<String>>> requests) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (Callable<HttpResponse<String>> request : requests) {
        futures.add(clients.submit(() -> {
          gate.await();
          return request.call();
        }));
      }
      gate.countDown();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> future : futures) {
        answers.add(future.get());
      }
      return answers;
    } finally {
      clients.shutdownNow();
    }
  }

  private static ConfigurableApplicationContext start(String database) {
    List<String> args = new ArrayList<>(List.of(
        // read no application.properties: the tests' one points every context at an in-memory H2
        "--spring.config.location=optional:classpath:/no-such-config/",
        "--server.port=0", "--camunda.bpm.generate-unique-process-engine-name=true",
        "--camunda.bpm.job-execution.enabled=true", "--spring.datasource.hikari.maximum-pool-size=10",
        "--dnd.messaging.dispatch.enabled=false", "--logging.level.org.camunda=WARN"));
    if (database.equals("postgres")) {
      args.addAll(List.of("--spring.profiles.active=postgres",
          "--DND_DB_URL=" + TestDatabases.postgresUrl(TestDatabases.postgres()), "--DND_DB_USER=postgres",
          "--DND_DB_POOL_SIZE=10"));
    } else {
      args.add("--spring.datasource.url=jdbc:h2:mem:burst-" + APPS.incrementAndGet()
          + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }
    return SpringApplication.run(DndGuardApplication.class, args.toArray(String[]::new));
  }
}
