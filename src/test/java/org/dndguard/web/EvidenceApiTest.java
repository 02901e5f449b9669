package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.dndguard.autoconfigure.DndProperties;
import org.dndguard.messaging.OutboxWorker;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.store.internal.ConsentFile;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A contact's consent file over HTTP, after a life that touches every table it reads: registration,
 * a STOP by webhook, a refused clear, a skipped step, a deferred step, an e-mail sent, an e-mail
 * blocked at dispatch after an unsubscribe link was used, and START. Calls run outside the call
 * window (03:00-03:01 in the contact's zone, where it is mid-afternoon), so the call step defers.
 */
@ReferenceAppContext(properties = {
    "dnd.webhooks.public-base-url=https://dnd.example.com",
    "dnd.quiet-hours.enabled=true",
    "dnd.quiet-hours.call=03:00-03:01"})
class EvidenceApiTest extends ReferenceAppApiTest {

  @RegisterExtension
  static final MailgunStandIn MAILGUN = new MailgunStandIn();

  private static final String PUBLIC_BASE = "https://dnd.example.com";

  @Autowired
  OutboxWorker worker;
  @Autowired
  DndProperties properties;
  @Autowired
  ProcessEngine engine;

  WebhookClient client;
  String id;
  String phone;

  @DynamicPropertySource
  static void mailgun(DynamicPropertyRegistry registry) {
    MAILGUN.register(registry);
  }

  @BeforeEach
  void setUp() {
    client = new WebhookClient(port, properties);
    id = newContactId();
    phone = WebhookHttpTestSupport.newPhone();
    engine.getRepositoryService().createDeployment().name("evidence-api-test").enableDuplicateFiltering(true)
        .addClasspathResource("org/dndguard/web/evidence-life.bpmn").deploy();
  }

  @Test
  void theConsentFileHoldsEachEventOfAContactsLifeOnceInOrderWithItsEvidenceAndItsChecksumVerifies()
      throws Exception {
    List<String> expected = live();

    ApiHttp.Response json = http.get("/api/contacts/" + id + "/evidence");

    assertThat(json.status()).as("%s", json).isEqualTo(200);
    assertThat(json.contentType()).startsWith("application/json");
    assertThat(json.header("Content-Disposition")).hasValueSatisfying(value ->
        assertThat(value).contains("attachment").contains("consent-" + id + ".json"));
    JsonNode file = json.json();
    assertThat(file.path("format").asText()).isEqualTo(ConsentFile.FORMAT);
    assertThat(file.path("contactId").asText()).isEqualTo(id);
    assertThat(Instant.parse(file.path("generatedAt").asText())).isAfter(Instant.now().minusSeconds(600));
    List<JsonNode> events = new ArrayList<>();
    file.path("events").forEach(events::add);
    assertThat(events).extracting(e -> e.path("type").asText() + " " + e.path("what").asText())
        .containsExactlyElementsOf(expected);
    assertThat(file.path("eventCount").asLong()).isEqualTo(expected.size());
    assertEachOnceInOrder(events);
    assertEvidence(events);

    byte[] bytes = json.body().getBytes(StandardCharsets.UTF_8);
    assertThat(ConsentFile.verifies(bytes)).isTrue();
    assertThat(sha256BeforeLastLine(bytes)).isEqualTo(file.path("sha256").asText());
    assertThat(shellOneLiner(bytes)).isEqualTo(file.path("sha256").asText());
    // one byte changed anywhere before the last line (here a digit of the first event's time) breaks it
    byte[] altered = bytes.clone();
    int at = json.body().indexOf("\"at\":\"") + 6;
    altered[at] = (byte) (altered[at] == '1' ? '2' : '1');
    assertThat(ConsentFile.verifies(altered)).isFalse();
    assertThat(sha256BeforeLastLine(altered)).isNotEqualTo(file.path("sha256").asText());

    ApiHttp.Response csv = http.get("/api/contacts/" + id + "/evidence", "text/csv");

    assertThat(csv.status()).as("%s", csv).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<List<String>> rows = csvRows(csv.body());
    assertThat(rows.get(0)).containsExactly("seq", "at", "type", "id", "what", "channel", "reason", "source", "actor",
        "provider_event_id", "message_id", "verified_by", "details");
    List<List<String>> data = rows.subList(1, rows.size());
    assertThat(data).extracting(r -> r.get(2) + " " + r.get(4)).containsExactlyElementsOf(expected);
    for (int i = 0; i < data.size(); i++) {
      JsonNode event = events.get(i);
      assertThat(data.get(i).subList(0, 4)).containsExactly(event.path("seq").asText(), event.path("at").asText(),
          event.path("type").asText(), event.path("id").asText());
    }
    List<String> stop = data.stream().filter(r -> r.get(2).equals("AUDIT") && r.get(6).equals("SMS_OPT_OUT")
        && r.get(4).equals("SET")).findFirst().orElseThrow();
    assertThat(stop.get(7)).isEqualTo("TWILIO");
    assertThat(stop.get(11)).isEqualTo("TWILIO_SIGNATURE");
    assertThat(stop.get(12)).contains("KEYWORD=STOP");
    // a plain link (Cockpit's download) asks with format=csv: the same rows
    assertThat(csvRows(http.get("/api/contacts/" + id + "/evidence?format=csv").body())).isEqualTo(rows);
  }

  @Test
  void anUnknownContactIsA404ProblemInEitherFormAndABadFormatA400() {
    assertProblem(http.get("/api/contacts/nobody-" + UUID.randomUUID() + "/evidence"), 404,
        "urn:dndguard:problem:contact-not-found");
    ApiHttp.Response csv = http.get("/api/contacts/nobody-" + UUID.randomUUID() + "/evidence", "text/csv");
    assertThat(csv.status()).isEqualTo(404);
    assertThat(csv.contentType()).startsWith("application/problem+json");
    http.put("/api/contacts/" + id, "{\"email\": \"" + id + "@example.com\"}");
    ApiHttp.Response format = http.get("/api/contacts/" + id + "/evidence?format=pdf");
    assertProblem(format, 400, "urn:dndguard:problem:invalid-input");
    assertThat(format.body()).contains("format must be csv or json");
  }

  @Test
  void theConsentFileNeedsALogin() {
    assertThat(http.anonymous().get("/api/contacts/" + id + "/evidence").status()).isEqualTo(401);
  }

  /** Lives the contact's life and returns the events its file must show, "TYPE what", in order. */
  private List<String> live() throws Exception {
    String zone = afternoonZone();
    assertThat(http.put("/api/contacts/" + id, "{\"phone\": \"" + phone + "\", \"email\": \"" + id
        + "@example.com\", \"timeZone\": \"" + zone + "\"}").status()).isIn(200, 201);

    HttpResponse<String> stop = client.twilio(TwilioWebhooks.SMS_PATH, WebhookClient.inboundSms(phone, "STOP"));
    assertThat(stop.statusCode()).isEqualTo(200);

    ApiHttp.Response refused = http.delete("/api/contacts/" + id + "/dnd/channels/SMS", null);
    assertThat(refused.status()).as("%s", refused).isEqualTo(409);

    String instance = engine.getRuntimeService().startProcessInstanceByKey("evidence-life",
        Map.of("contactId", id)).getId();
    assertThat(engine.getRuntimeService().getVariable(instance, "texted")).isNull();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count())
        .as("the call step waits for its window").isEqualTo(1);

    String sent = sendEmail("Your invoice is attached.");
    worker.dispatchDue();
    String link = unsubscribeLinkOf(lastMailgunRequest(id));
    ApiHttp.Response queued = http.post("/api/contacts/" + id + "/messages", "{\"channel\": \"EMAIL\", \"subject\":"
        + " \"Reminder\", \"body\": \"Your appointment is tomorrow.\"}");
    assertThat(queued.status()).as("%s", queued).isEqualTo(202);
    ApiHttp.Response unsubscribed = http.anonymous().send("POST", link.substring(PUBLIC_BASE.length()),
        "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
    assertThat(unsubscribed.status()).as("%s", unsubscribed).isEqualTo(200);
    worker.dispatchDue();
    assertThat(mailgunRequestsFor(id)).as("the e-mail after the unsubscribe was blocked").hasSize(1);
    assertThat(sent).isNotBlank();

    HttpResponse<String> start = client.twilio(TwilioWebhooks.SMS_PATH, WebhookClient.inboundSms(phone, "START"));
    assertThat(start.statusCode()).isEqualTo(200);

    return List.of(
        "AUDIT ADDRESSES_CHANGED",   // registered with its addresses
        "AUDIT ADDRESSES_CHANGED",   // and its time zone
        "PROVIDER_EVENT DND_SET",    // the STOP text as received
        "AUDIT SET",                 // SMS DND by the keyword
        "AUDIT REFUSED",             // demo may not clear it
        "STEP SKIPPED",              // the text step
        "STEP DEFERRED",             // the call step, outside its window
        "MESSAGE SENT",              // the invoice
        "MESSAGE BLOCKED",           // the reminder, queued before the unsubscribe and blocked at dispatch
        "AUDIT SET",                 // EMAIL DND by the unsubscribe link
        "PROVIDER_EVENT DND_LIFTED", // the START text
        "AUDIT CLEARED");            // SMS DND lifted by it
  }

  private static void assertEachOnceInOrder(List<JsonNode> events) {
    Set<String> seen = new HashSet<>();
    Instant previous = Instant.MIN;
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = events.get(i);
      assertThat(event.path("seq").asLong()).isEqualTo(i + 1);
      assertThat(seen.add(event.path("type").asText() + ":" + event.path("id").asText())).as("once: %s", event)
          .isTrue();
      Instant at = Instant.parse(event.path("at").asText());
      assertThat(at).as("in time order: %s", event).isAfterOrEqualTo(previous);
      previous = at;
    }
  }

  private void assertEvidence(List<JsonNode> events) {
    JsonNode stopEvent = events.get(2);
    String sid = stopEvent.path("id").asText().substring("sms:".length());
    assertThat(stopEvent.path("verifiedBy").asText()).isEqualTo("TWILIO_SIGNATURE");
    assertThat(stopEvent.path("record").path("address").asText()).isEqualTo(phone);
    assertThat(stopEvent.path("record").path("detail").asText()).contains("STOP");

    JsonNode stopSet = events.get(3).path("record");
    assertThat(stopSet.path("providerEventId").asText()).isEqualTo(sid);
    assertThat(stopSet.path("keyword").asText()).isEqualTo("STOP");
    assertThat(stopSet.path("source").asText()).isEqualTo("TWILIO");
    assertThat(stopSet.path("reason").asText()).isEqualTo("SMS_OPT_OUT");
    assertThat(events.get(3).path("verifiedBy").asText()).isEqualTo("TWILIO_SIGNATURE");

    JsonNode refused = events.get(4).path("record");
    assertThat(refused.path("actor").asText()).isEqualTo("demo");
    assertThat(refused.path("message").asText()).contains("START");

    JsonNode skipped = events.get(5).path("record");
    assertThat(skipped.path("activityId").asText()).isEqualTo("textOffer");
    assertThat(skipped.path("reason").asText()).isEqualTo("SMS_OPT_OUT");
    JsonNode deferred = events.get(6).path("record");
    assertThat(deferred.path("activityId").asText()).isEqualTo("callBack");
    assertThat(deferred.has("runAt")).isTrue();

    JsonNode sent = events.get(7).path("record");
    assertThat(sent.path("providerMessageId").asText()).endsWith("@mg.example.com");
    JsonNode blocked = events.get(8).path("record");
    assertThat(blocked.path("dndReason").asText()).isEqualTo("EMAIL_UNSUBSCRIBE");

    JsonNode link = events.get(9);
    assertThat(link.path("record").path("source").asText()).isEqualTo("UNSUBSCRIBE_LINK");
    assertThat(link.path("record").path("messageId").asText()).isEqualTo(events.get(7).path("id").asText());
    assertThat(link.path("verifiedBy").asText()).isEqualTo("UNSUBSCRIBE_LINK_MAC");

    JsonNode cleared = events.get(11).path("record");
    assertThat(cleared.path("keyword").asText()).isEqualTo("START");
    assertThat(cleared.path("providerEventId").asText()).isEqualTo(events.get(10).path("id").asText()
        .substring("sms:".length()));
  }

  private String sendEmail(String body) {
    ApiHttp.Response queued = http.post("/api/contacts/" + id + "/messages", "{\"channel\": \"EMAIL\", \"subject\":"
        + " \"Invoice\", \"body\": \"" + body + "\"}");
    assertThat(queued.status()).as("%s", queued).isEqualTo(202);
    return queued.body();
  }

  /** A zone where it is mid-afternoon now, far from the 03:00 call window and inside the SMS window. */
  private static String afternoonZone() {
    int hour = Instant.now().atOffset(ZoneOffset.UTC).getHour();
    int offset = Math.floorMod(15 - hour, 24);
    if (offset > 14) {
      offset -= 24;
    }
    // Etc/GMT's sign is inverted: Etc/GMT-5 is UTC+05:00
    return offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
  }

  private static String unsubscribeLinkOf(LoggedRequest request) {
    for (Request.Part part : request.getParts()) {
      if (part.getName().equals("h:List-Unsubscribe")) {
        String header = part.getBody().asString();
        return header.substring(1, header.length() - 1);
      }
    }
    throw new AssertionError("no List-Unsubscribe in the Mailgun request");
  }

  private static LoggedRequest lastMailgunRequest(String contactId) {
    List<LoggedRequest> requests = mailgunRequestsFor(contactId);
    assertThat(requests).isNotEmpty();
    return requests.get(requests.size() - 1);
  }

  /**
   * The contact's e-mail as Mailgun received it: the application's outbox also sends other
   * contacts' messages (the sample models' instances) while a test runs.
   */
  private static List<LoggedRequest> mailgunRequestsFor(String contactId) {
    return MAILGUN.messages().stream()
        .filter(request -> request.getBodyAsString().contains(contactId + "@example.com"))
        .toList();
  }

  /** What the documentation says to run: SHA-256 of every byte before the last line. */
  static String sha256BeforeLastLine(byte[] file) throws Exception {
    int end = file.length - 1;
    while (end > 0 && file[end - 1] != '\n') {
      end--;
    }
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(file, 0, end);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** docs/compliance.md's one-liner, run by a shell on the file. */
  private static String shellOneLiner(byte[] file) throws IOException, InterruptedException {
    Path saved = Files.createTempFile("consent-", ".json");
    try {
      Files.write(saved, file);
      Process process = new ProcessBuilder("sh", "-c", "sed '$d' \"$0\" | sha256sum | cut -d' ' -f1",
          saved.toString()).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(process.waitFor()).as(out).isZero();
      return out;
    } finally {
      Files.deleteIfExists(saved);
    }
  }

  /** RFC 4180 rows, comment lines left out. */
  static List<List<String>> csvRows(String body) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean lineStart = true;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (lineStart && c == '#' && !quoted) {
        i = body.indexOf("\r\n", i) + 1;
        continue;
      }
      lineStart = false;
      if (quoted) {
        if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
        lineStart = true;
      } else {
        field.append(c);
      }
    }
    return rows;
  }
}
