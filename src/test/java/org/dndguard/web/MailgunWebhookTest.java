package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.provider.internal.ProviderEventLog;
import org.dndguard.provider.internal.ProviderOutcome;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.web.internal.MailgunWebhookController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code POST /webhooks/mailgun} over real HTTP, signed as Mailgun signs. */
class MailgunWebhookTest extends WebhookHttpTestSupport {

  @Autowired
  ProviderEventLog events;

  // --- the Rules table, one row each ---

  @ParameterizedTest(name = "failed, permanent, {0}")
  @ValueSource(strings = {"bounce", "suppress-bounce", "generic"})
  void aPermanentBounceSetsEmailDnd(String reason) {
    // given
    String email = newEmail();
    String contactId = contactWith(null, email);
    Map<String, Object> event = WebhookClient.mailgunFailure("permanent", reason, email.toUpperCase());

    // when
    HttpResponse<String> response = client.mailgun(event);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(WebhookClient.parse(response.body())).containsEntry("outcome", "DND_SET");
    assertSetByMailgun(contactId, DndReason.EMAIL_BOUNCE, event, reason);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(nullValues = "-", value = {"unsubscribed, -, -", "failed, permanent, suppress-unsubscribe"})
  void anUnsubscribeSetsEmailDnd(String name, String severity, String reason) {
    String email = newEmail();
    String contactId = contactWith(null, email);
    Map<String, Object> event = severity == null ? WebhookClient.mailgunEvent(name, email)
        : WebhookClient.mailgunFailure(severity, reason, email);

    assertThat(client.mailgun(event).statusCode()).isEqualTo(200);

    assertSetByMailgun(contactId, DndReason.EMAIL_UNSUBSCRIBE, event, reason);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(nullValues = "-", value = {"complained, -, -", "failed, permanent, suppress-complaint"})
  void aSpamComplaintSetsEmailDnd(String name, String severity, String reason) {
    String email = newEmail();
    String contactId = contactWith(null, email);
    Map<String, Object> event = severity == null ? WebhookClient.mailgunEvent(name, email)
        : WebhookClient.mailgunFailure(severity, reason, email);

    assertThat(client.mailgun(event).statusCode()).isEqualTo(200);

    assertSetByMailgun(contactId, DndReason.SPAM_COMPLAINT, event, reason);
  }

  @Test
  void aSpamComplaintCannotBeClearedByAUserButABounceCan() {
    // given
    String complainer = newEmail();
    String bouncer = newEmail();
    String complainerId = contactWith(null, complainer);
    String bouncerId = contactWith(null, bouncer);
    client.mailgun(WebhookClient.mailgunEvent("complained", complainer));
    client.mailgun(WebhookClient.mailgunFailure("permanent", "suppress-bounce", bouncer));
    Evidence user = Evidence.user("operator", "customer called", Instant.now());

    // then: the complaint stays, and the refusal is on the trail with its reason
    assertThatThrownBy(() -> dnd.clear(complainerId, DndTarget.EMAIL, user))
        .isInstanceOf(DndChangeRefusedException.class)
        .hasMessageContaining("EMAIL DND for contact " + complainerId + " was set by a spam complaint")
        .hasMessageContaining("it is permanent: no user or workflow can lift it");
    assertThat(record(complainerId).isBlocked(Channel.EMAIL)).isTrue();
    assertThat(trail(complainerId)).last().extracting(AuditRecord::action).isEqualTo(AuditAction.REFUSED);

    // and the bounce is cleared
    dnd.clear(bouncerId, DndTarget.EMAIL, user);
    assertThat(record(bouncerId).isBlocked(Channel.EMAIL)).isFalse();
  }

  // --- what changes nothing ---

  @ParameterizedTest(name = "failed, {0}, {1}")
  @CsvSource({"temporary, generic", "temporary, bounce", "permanent, old", "permanent, hardfail"})
  void failuresOutsideTheRulesAreAuditedAsIgnored(String severity, String reason) {
    String email = newEmail();
    String contactId = contactWith(null, email);
    Map<String, Object> event = WebhookClient.mailgunFailure(severity, reason, email);

    HttpResponse<String> response = client.mailgun(event);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(WebhookClient.parse(response.body())).containsEntry("outcome", "IGNORED");
    assertThat(record(contactId).entries()).isEmpty();
    assertThat(trail(contactId)).last().satisfies(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.IGNORED);
      assertThat(row.target()).isEqualTo(DndTarget.EMAIL);
      assertThat(row.evidence().providerEventId()).isEqualTo(event.get("id"));
      assertThat(row.message()).contains("Mailgun failed (" + severity + ", " + reason + ")").contains("sets no DND");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"delivered", "opened", "clicked", "accepted"})
  void otherEventsChangeNothingAndAreNotRecorded(String name) {
    String email = newEmail();
    String contactId = contactWith(null, email);
    int before = trail(contactId).size();
    Map<String, Object> event = WebhookClient.mailgunEvent(name, email);

    HttpResponse<String> response = client.mailgun(event);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(WebhookClient.parse(response.body())).containsEntry("outcome", "IGNORED");
    assertThat(record(contactId).entries()).isEmpty();
    assertThat(trail(contactId)).hasSize(before);
    assertThat(events.find(Source.MAILGUN, (String) event.get("id"))).isEmpty();
  }

  // --- addresses, not contacts ---

  @Test
  void anEventForAnAddressSharedByTwoContactsSetsDndOnBoth() {
    String shared = newEmail();
    String ann = contactWith(null, shared);
    String bob = contactWith(null, shared);

    client.mailgun(WebhookClient.mailgunEvent("unsubscribed", shared));

    for (String contactId : List.of(ann, bob)) {
      assertThat(record(contactId).entry(DndTarget.EMAIL, DndReason.EMAIL_UNSUBSCRIBE)).as(contactId).isPresent();
      assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.SET).hasSize(1);
    }
  }

  @Test
  void aComplaintForAnUnknownAddressReachesTheContactThatGetsItLater() {
    String email = newEmail();

    client.mailgun(WebhookClient.mailgunEvent("complained", email));
    String later = contactWith(null, email);

    assertThat(record(later).entry(DndTarget.EMAIL, DndReason.SPAM_COMPLAINT)).get()
        .satisfies(entry -> assertThat(entry.evidence().source()).isEqualTo(Source.ADDRESS));
  }

  // --- once, and only from Mailgun ---

  @Test
  void aDuplicatedEventChangesDndAndTheTrailOnce() {
    String email = newEmail();
    String contactId = contactWith(null, email);
    Map<String, Object> event = WebhookClient.mailgunFailure("permanent", "bounce", email);

    HttpResponse<String> first = client.mailgun(event);
    // Mailgun signs each delivery afresh: a new timestamp and token, the same event
    HttpResponse<String> second = client.mailgun(event);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(WebhookClient.parse(second.body())).containsEntry("outcome", "DUPLICATE");
    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.SET).hasSize(1);
  }

  @Test
  void aDuplicatedIgnoredEventIsAuditedOnce() {
    String email = newEmail();
    String contactId = contactWith(null, email);
    Map<String, Object> event = WebhookClient.mailgunFailure("temporary", "generic", email);

    client.mailgun(event);
    client.mailgun(event);

    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.IGNORED).hasSize(1);
  }

  @Test
  void aForgedSignatureIsRefusedAndChangesNothing() {
    String email = newEmail();
    String contactId = contactWith(null, email);
    int before = trail(contactId).size();
    byte[] body = new String(client.mailgunBody(WebhookClient.mailgunEvent("complained", email), Instant.now(),
        WebhookClient.newToken()), StandardCharsets.UTF_8)
        .replaceFirst("\"signature\":\"[0-9a-f]{64}\"", "\"signature\":\"" + "ab".repeat(32) + "\"")
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = client.post(MailgunWebhookController.PATH, "application/json", body, Map.of());

    assertProblem(response, 403, "signature.signature", "does not match timestamp and token");
    assertThat(record(contactId).entries()).isEmpty();
    assertThat(trail(contactId)).hasSize(before);
  }

  @Test
  void aMissingSignatureIsRefusedAndChangesNothing() {
    String email = newEmail();
    String contactId = contactWith(null, email);

    HttpResponse<String> response = client.post(MailgunWebhookController.PATH, "application/json",
        WebhookClient.json(Map.of("event-data", WebhookClient.mailgunEvent("complained", email))), Map.of());

    assertProblem(response, 403, "signature", "no signature object");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aTokenFirstUsedInARequestRefusedAsMalformedIsSpentAllTheSame() {
    // given: a signed request whose event data is malformed (no event name)
    String victim = newEmail();
    String contactId = contactWith(null, victim);
    Instant signedAt = Instant.now();
    String token = WebhookClient.newToken();
    Map<String, Object> malformed = WebhookClient.mailgunEvent("complained", victim);
    malformed.remove("event");
    assertThat(client.mailgun(malformed, signedAt, token).statusCode()).isEqualTo(400);

    // when: the same signature comes back with valid event data
    HttpResponse<String> replay = client.mailgun(WebhookClient.mailgunEvent("complained", victim), signedAt, token);

    // then
    assertProblem(replay, 403, "signature.token", "was used before");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aReplayedTokenIsRefusedEvenWithOtherEventData() {
    // given: a captured delivery report; Mailgun's signature covers timestamp and token, not the event
    String victim = newEmail();
    String contactId = contactWith(null, victim);
    Instant signedAt = Instant.now();
    String token = WebhookClient.newToken();
    assertThat(client.mailgun(WebhookClient.mailgunEvent("delivered", newEmail()), signedAt, token).statusCode())
        .isEqualTo(200);

    // when: the same signature is sent again with a complaint for the victim
    HttpResponse<String> replay = client.mailgun(WebhookClient.mailgunEvent("complained", victim), signedAt, token);

    // then
    assertProblem(replay, 403, "signature.token", "was used before");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aStaleTimestampIsRefusedAndChangesNothing() {
    String email = newEmail();
    String contactId = contactWith(null, email);

    HttpResponse<String> response = client.mailgun(WebhookClient.mailgunEvent("complained", email),
        Instant.now().minus(Duration.ofMinutes(6)), WebhookClient.newToken());

    assertProblem(response, 403, "signature.timestamp", "replay");
    assertThat(record(contactId).entries()).isEmpty();
  }

  // --- malformed requests: 400 naming what is wrong, nothing changed ---

  @Test
  void aWrongContentTypeIsRefused() {
    String email = newEmail();
    String contactId = contactWith(null, email);
    byte[] body = client.mailgunBody(WebhookClient.mailgunEvent("complained", email), Instant.now(),
        WebhookClient.newToken());

    HttpResponse<String> response = client.post(MailgunWebhookController.PATH, "application/x-www-form-urlencoded",
        body, Map.of());

    assertProblem(response, 400, "Content-Type", "Mailgun posts application/json");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void brokenJsonIsRefused() {
    HttpResponse<String> response = client.post(MailgunWebhookController.PATH, "application/json",
        "{\"signature\": {\"token\": ".getBytes(StandardCharsets.UTF_8), Map.of());

    assertProblem(response, 400, "body", "not valid JSON");
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    String body = "{\"signature\": {}, \"signature\": {}}";
    HttpResponse<String> response = client.post(MailgunWebhookController.PATH, "application/json",
        body.getBytes(StandardCharsets.UTF_8), Map.of());

    assertProblem(response, 400, "body", "Duplicate field 'signature'");
  }

  @Test
  void aMissingRecipientIsRefusedNamingTheField() {
    Map<String, Object> event = WebhookClient.mailgunEvent("complained", newEmail());
    event.remove("recipient");

    assertProblem(client.mailgun(event), 400, "event-data.recipient", "event-data.recipient is missing");
  }

  @Test
  void aMissingEventIdIsRefusedNamingTheField() {
    String email = newEmail();
    String contactId = contactWith(null, email);
    Map<String, Object> event = WebhookClient.mailgunFailure("permanent", "bounce", email);
    event.remove("id");

    assertProblem(client.mailgun(event), 400, "event-data.id", "event-data.id is missing");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aMissingEventDataIsRefused() {
    byte[] body = client.mailgunBody(null, Instant.now(), WebhookClient.newToken());

    assertProblem(client.post(MailgunWebhookController.PATH, "application/json", body, Map.of()), 400,
        "event-data", "no event-data object");
  }

  @Test
  void anUnknownEventIsRefused() {
    String email = newEmail();
    String contactId = contactWith(null, email);

    assertProblem(client.mailgun(WebhookClient.mailgunEvent("exploded", email)), 400, "event-data.event",
        "Unknown Mailgun event 'exploded'");
    assertThat(trail(contactId)).noneMatch(r -> r.action() == AuditAction.IGNORED);
  }

  @Test
  void aRecipientThatIsNoAddressIsRefused() {
    assertProblem(client.mailgun(WebhookClient.mailgunEvent("unsubscribed", "not an address")), 400,
        "event-data.recipient", "is not a valid e-mail address");
  }

  @Test
  void aFailureWithoutSeverityIsRefused() {
    Map<String, Object> event = WebhookClient.mailgunFailure("permanent", "bounce", newEmail());
    event.remove("severity");

    assertProblem(client.mailgun(event), 400, "event-data.severity", "event-data.severity is missing");
  }

  @Test
  void aBodyOver64KiBIsRefusedAsTooLarge() {
    String email = newEmail();
    String contactId = contactWith(null, email);
    Map<String, Object> event = WebhookClient.mailgunEvent("complained", email);
    event.put("padding", "x".repeat(70 * 1024));
    byte[] body = client.mailgunBody(event, Instant.now(), WebhookClient.newToken());

    assertProblem(client.post(MailgunWebhookController.PATH, "application/json", body, Map.of()), 413, "body",
        "larger than 65536 bytes");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aChunkedBodyOver64KiBIsRefusedWhileReading() {
    Map<String, Object> event = WebhookClient.mailgunEvent("complained", newEmail());
    event.put("padding", "x".repeat(70 * 1024));
    byte[] body = client.mailgunBody(event, Instant.now(), WebhookClient.newToken());
    // no Content-Length: the size shows only while reading
    HttpRequest request = HttpRequest.newBuilder(client.uri(MailgunWebhookController.PATH))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build();

    assertProblem(client.send(request), 413, "body", "larger than 65536 bytes");
  }

  private void assertSetByMailgun(String contactId, DndReason reason, Map<String, Object> event, String code) {
    assertThat(record(contactId).entry(DndTarget.EMAIL, reason)).as("EMAIL DND for %s", reason).isPresent();
    List<AuditRecord> sets = trail(contactId).stream().filter(r -> r.action() == AuditAction.SET).toList();
    assertThat(sets).singleElement().satisfies(row -> {
      assertThat(row.target()).isEqualTo(DndTarget.EMAIL);
      assertThat(row.reason()).isEqualTo(reason);
      assertThat(row.addressKind()).isEqualTo(AddressKind.EMAIL);
      assertThat(row.evidence().source()).isEqualTo(Source.MAILGUN);
      assertThat(row.evidence().providerEventId()).isEqualTo(event.get("id"));
      assertThat(row.evidence().messageId()).startsWith("20260101.");
      assertThat(row.evidence().code()).isEqualTo(code);
      assertThat(row.evidence().receivedAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    });
    assertThat(events.find(Source.MAILGUN, (String) event.get("id"))).get()
        .extracting(ProviderEventLog.ProviderEvent::outcome).isEqualTo(ProviderOutcome.DND_SET);
  }
}
