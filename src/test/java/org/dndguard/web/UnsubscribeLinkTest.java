package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Source;
import org.dndguard.messaging.OutboxWorker;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One-click unsubscribe (RFC 8058) in the reference application, with Mailgun standing in on
 * loopback: an outbox e-mail carries both headers and the footer; POST on its link unsubscribes,
 * GET does not, a tampered token is refused.
 */
@ReferenceAppContext(properties = "dnd.webhooks.public-base-url=https://dnd.example.com")
class UnsubscribeLinkTest extends ReferenceAppApiTest {

  @RegisterExtension
  static final MailgunStandIn MAILGUN = new MailgunStandIn();

  private static final String PUBLIC_BASE = "https://dnd.example.com";

  @Autowired
  OutboxWorker worker;
  @Autowired
  DndService dnd;

  String id;

  @DynamicPropertySource
  static void mailgun(DynamicPropertyRegistry registry) {
    MAILGUN.register(registry);
  }

  @BeforeEach
  void setUp() {
    id = newContactId();
    http.put("/api/contacts/" + id, "{\"email\": \"" + id + "@example.com\"}");
  }

  @Test
  void anOutboxEmailCarriesBothHeadersAndTheFooterAndPostOnItsLinkUnsubscribesButGetDoesNot() {
    String link = sendEmail(null);
    Map<String, String> parts = parts(lastMailgunRequest());
    assertThat(parts).containsEntry("h:List-Unsubscribe", "<" + link + ">")
        .containsEntry("h:List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    assertThat(parts.get("text")).startsWith("Your invoice is attached.").endsWith("unsubscribe: " + link + "\n");
    assertThat(link).startsWith(PUBLIC_BASE + "/unsubscribe/");
    String path = link.substring(PUBLIC_BASE.length());

    ApiHttp.Response page = http.anonymous().get(path);

    assertThat(page.status()).as("%s", page).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("<form method=\"post\"", "Unsubscribe");
    assertThat(dnd.record(id).isBlocked(org.dndguard.contact.Channel.EMAIL)).isFalse();

    ApiHttp.Response done = oneClick(path);

    assertThat(done.status()).as("%s", done).isEqualTo(200);
    assertThat(dnd.record(id).entry(DndTarget.EMAIL, DndReason.EMAIL_UNSUBSCRIBE)).hasValueSatisfying(entry -> {
      assertThat(entry.evidence().source()).isEqualTo(Source.UNSUBSCRIBE_LINK);
      assertThat(entry.evidence().messageId()).isEqualTo(path.substring(path.lastIndexOf('/') + 1).split("\\.")[0]);
    });

    assertThat(oneClick(path).status()).isEqualTo(200);
    List<AuditRecord> history = dnd.history(id, 0, 20);
    assertThat(history).filteredOn(row -> row.action() == AuditAction.SET).hasSize(1);
  }

  @Test
  void anEmailAboutATopicUnsubscribesFromThatTopicOnly() {
    String link = sendEmail("newsletter");

    ApiHttp.Response done = oneClick(link.substring(PUBLIC_BASE.length()));

    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body()).contains("messages about newsletter");
    assertThat(dnd.topics(id).leftTopic("newsletter")).hasValueSatisfying(left ->
        assertThat(left.reason()).isEqualTo(DndReason.EMAIL_UNSUBSCRIBE));
    assertThat(dnd.record(id).isBlocked(org.dndguard.contact.Channel.EMAIL)).isFalse();
  }

  @Test
  void aTamperedOrUnknownTokenIsRefusedAndChangesNothing() {
    String path = sendEmail(null).substring(PUBLIC_BASE.length());
    String token = path.substring(path.lastIndexOf('/') + 1);
    long messageId = Long.parseLong(token.split("\\.")[0]);
    String otherMessage = "/unsubscribe/" + (messageId + 1000) + token.substring(token.indexOf('.'));
    // the MAC's first character: all six of its bits are the MAC's (the last one's lowest are padding,
    // so changing 'B' to 'A' there may decode to the same MAC, and the test failed one run in 16 or so)
    int mac = token.indexOf('.') + 1;
    char first = token.charAt(mac);
    String alteredMac = "/unsubscribe/" + token.substring(0, mac) + (first == 'A' ? 'B' : 'A') + token.substring(mac + 1);

    for (String refused : List.of(otherMessage, alteredMac, "/unsubscribe/not-a-token", "/unsubscribe/1.abc")) {
      assertProblem(oneClick(refused), 404, "urn:dndguard:problem:unknown-unsubscribe-link");
      assertThat(http.anonymous().get(refused).status()).as(refused).isEqualTo(404);
    }
    assertThat(dnd.record(id).isBlocked(org.dndguard.contact.Channel.EMAIL)).isFalse();
    assertThat(dnd.topics(id).left()).isEmpty();
  }

  /** Queues an e-mail through the API, dispatches it to Mailgun and returns its unsubscribe link. */
  private String sendEmail(String topic) {
    ApiHttp.Response queued = http.post("/api/contacts/" + id + "/messages", "{\"channel\": \"EMAIL\", \"subject\":"
        + " \"Invoice\", \"body\": \"Your invoice is attached.\"" + (topic == null ? "" : ", \"topic\": \"" + topic
        + "\"") + "}");
    assertThat(queued.status()).as("%s", queued).isEqualTo(202);
    worker.dispatchDue();
    String header = parts(lastMailgunRequest()).get("h:List-Unsubscribe");
    assertThat(header).startsWith("<").endsWith(">");
    return header.substring(1, header.length() - 1);
  }

  /** What a mail client sends for RFC 8058's one-click unsubscribe. */
  private ApiHttp.Response oneClick(String path) {
    return http.anonymous().send("POST", path, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
  }

  private static LoggedRequest lastMailgunRequest() {
    List<LoggedRequest> requests = MAILGUN.messages();
    assertThat(requests).isNotEmpty();
    return requests.get(requests.size() - 1);
  }

  private static Map<String, String> parts(LoggedRequest request) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (Request.Part part : request.getParts()) {
      parts.put(part.getName(), part.getBody().asString());
    }
    return parts;
  }
}
