package org.dndguard.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.messaging.OutboxWorker;
import org.dndguard.store.AuditAction;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@ReferenceAppContext
class MessageControllerTest {

  @Autowired
  private TestRestTemplate anonymous;
  @Autowired
  private ContactService contacts;
  @Autowired
  private DndService dnd;
  @Autowired
  private OutboxWorker worker;
  @Autowired
  private AuditTrail audit;

  private TestRestTemplate rest() {
    return anonymous.withBasicAuth("demo", "demo");
  }

  @Test
  void aManualSmsIsQueuedWith202ItsIdAndLocation() {
    String phone = newPhone();
    String ann = contact(new ContactAddresses(phone.substring(0, 2) + " (" + phone.substring(2, 5) + ") "
        + phone.substring(5, 8) + "-" + phone.substring(8), null, null, null, null));

    ResponseEntity<JsonNode> response = rest().postForEntity("/api/contacts/{id}/messages",
        Map.of("channel", "sms", "body", "Your table is ready."), JsonNode.class, ann);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode message = response.getBody();
    long id = message.get("id").asLong();
    assertThat(response.getHeaders().getLocation()).hasToString("/api/messages/" + id);
    assertThat(message.get("status").asText()).isEqualTo("PENDING");
    assertThat(message.get("channel").asText()).isEqualTo("SMS");
    assertThat(message.get("recipient").asText()).isEqualTo(phone);
    assertThat(message.get("body").asText()).isEqualTo("Your table is ready.\nReply STOP to unsubscribe.");
    assertThat(message.get("compliance").asText()).isEqualTo("ADDED");
    assertThat(message.get("segments").asInt()).isEqualTo(1);
    assertThat(message.get("origin").asText()).isEqualTo("MANUAL");
    assertThat(message.get("actor").asText()).isEqualTo("demo");

    JsonNode stored = rest().getForObject("/api/messages/{id}", JsonNode.class, id);
    assertThat(stored.get("id").asLong()).isEqualTo(id);
    JsonNode ofContact = rest().getForObject("/api/contacts/{id}/messages", JsonNode.class, ann);
    assertThat(ofContact).hasSize(1);
    assertThat(ofContact.get(0).get("id").asLong()).isEqualTo(id);
  }

  @Test
  void aManualSmsToAContactWhoTextedStopIs409WithTheReasonAndNothingIsQueued() {
    String phone = newPhone();
    String ann = contact(new ContactAddresses(phone, null, null, null, null));
    dnd.applyToAddress(AddressKind.PHONE, phone, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT,
        Evidence.providerEvent(Source.TWILIO, "SM-in", Instant.parse("2026-11-27T08:00:00Z")).keyword("STOP").build()));

    ResponseEntity<JsonNode> response = rest().postForEntity("/api/contacts/{id}/messages",
        Map.of("channel", "SMS", "body", "Flash sale!"), JsonNode.class, ann);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = response.getBody();
    assertThat(problem.get("status").asInt()).isEqualTo(409);
    assertThat(problem.get("type").asText()).isEqualTo("urn:dndguard:problem:channel-in-dnd");
    assertThat(problem.get("title").asText()).isEqualTo("Channel in DND");
    assertThat(problem.get("instance").asText()).isEqualTo("/api/contacts/" + ann + "/messages");
    assertThat(problem.get("detail").asText()).isEqualTo("SMS message to contact " + ann + " not queued: SMS DND"
        + " for contact " + ann + " was set by the opt-out keyword STOP on 2026-11-27T08:00Z; only the contact can"
        + " lift it, by texting START");
    assertThat(problem.get("reason").asText()).isEqualTo("SMS_OPT_OUT");
    assertThat(problem.get("channel").asText()).isEqualTo("SMS");
    assertThat(problem.get("userMayClear").asBoolean()).isFalse();
    assertThat(rest().getForObject("/api/contacts/{id}/messages", JsonNode.class, ann)).isEmpty();
  }

  @Test
  void whatBecameOfAMessageIsVisibleThroughTheApi() {
    String ann = contact(new ContactAddresses(null, "ann@example.com", null, null, null));
    long id = rest().postForEntity("/api/contacts/{id}/messages",
        Map.of("channel", "EMAIL", "subject", "Your invoice", "body", "Hello"), JsonNode.class, ann)
        .getBody().get("id").asLong();
    dnd.set(ann, DndTarget.EMAIL, Evidence.user("ops", "asked us to stop", Instant.now()));

    worker.dispatchDue();

    JsonNode message = rest().getForObject("/api/messages/{id}", JsonNode.class, id);
    assertThat(message.get("status").asText()).isEqualTo("BLOCKED");
    assertThat(message.get("dndReason").asText()).isEqualTo("MANUAL");
    assertThat(message.get("detail").asText()).startsWith("Blocked at dispatch: EMAIL DND for contact " + ann
        + " was set by a user (ops)");
    assertThat(rest().getForObject("/api/contacts/{id}/messages?status=blocked", JsonNode.class, ann))
        .extracting(node -> node.get("id").asLong()).containsExactly(id);
    assertThat(rest().getForObject("/api/contacts/{id}/messages?status=SENT", JsonNode.class, ann)).isEmpty();
    assertThat(rest().getForObject("/api/messages?status=BLOCKED&size=500", JsonNode.class))
        .extracting(node -> node.get("id").asLong()).contains(id);
  }

  @Test
  void anOverrideOfTheLimitsNeedsAReasonAndIsAuditedAndATransactionalMessageIsExempt() {
    String ann = contact(new ContactAddresses(newPhone(), null, null, null, null));

    assertProblem(post(ann, Map.of("channel", "SMS", "body", "Hi", "overrideLimit", " ")), HttpStatus.BAD_REQUEST,
        "invalid-input", "Overriding the communication limits needs a reason; give it as \"overrideLimit\": \"why"
            + " this message must go now\"");
    assertProblem(post(ann, Map.of("channel", "SMS", "body", "Hi", "limit", "sometimes")), HttpStatus.BAD_REQUEST,
        "invalid-input", "Unknown limit 'sometimes'; use \"exempt\" for a transactional message that no"
            + " communication limit holds back, or leave it out");
    assertThat(rest().getForObject("/api/contacts/{id}/messages", JsonNode.class, ann)).isEmpty();

    ResponseEntity<JsonNode> overridden = post(ann, Map.of("channel", "SMS", "body", "Your flight moved",
        "overrideLimit", "gate change"));
    ResponseEntity<JsonNode> exempt = post(ann, Map.of("channel", "SMS", "body", "Your code is 123456",
        "limit", "exempt"));
    ResponseEntity<JsonNode> plain = post(ann, Map.of("channel", "SMS", "body", "Hi"));

    assertThat(overridden.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(overridden.getBody().get("limit").asText()).isEqualTo("OVERRIDDEN");
    assertThat(exempt.getBody().get("limit").asText()).isEqualTo("EXEMPT");
    assertThat(plain.getBody().get("limit").asText()).isEqualTo("LIMITED");
    assertThat(audit.inOrder(ann)).filteredOn(record -> record.action() == AuditAction.LIMIT_OVERRIDDEN)
        .singleElement().satisfies(record -> {
          assertThat(record.evidence().actor()).isEqualTo("demo");
          assertThat(record.evidence().note()).isEqualTo("gate change");
        });
  }

  @Test
  void badRequestsAreProblemsThatSayWhatToFix() {
    String ann = contact(new ContactAddresses(newPhone(), null, null, null, null));

    assertProblem(post(ann, Map.of("channel", "PIGEON", "body", "Hi")), HttpStatus.BAD_REQUEST, "invalid-input",
        "Unknown channel 'PIGEON'; valid channels are CALL, EMAIL, SMS, WHATSAPP, FACEBOOK, GMB");
    assertProblem(post(ann, Map.of("channel", "CALL", "body", "Hi")), HttpStatus.BAD_REQUEST, "invalid-input",
        "CALL is not a message channel: calls are made by people (model them as user tasks marked"
            + " dnd.channel=CALL); messages go on SMS, EMAIL, WHATSAPP, FACEBOOK and GMB");
    assertProblem(post(ann, Map.of("body", "Hi")), HttpStatus.BAD_REQUEST, "invalid-input",
        "The message has no channel; give one of SMS, EMAIL, WHATSAPP, FACEBOOK or GMB");
    assertProblem(post(ann, Map.of("channel", "SMS")), HttpStatus.BAD_REQUEST, "invalid-input",
        "The message body is empty; give the text to send (the 'body' field, or the 'body' input parameter of"
            + " the step)");
    assertProblem(post(ann, Map.of("channel", "EMAIL", "body", "Hi")), HttpStatus.BAD_REQUEST, "invalid-input",
        "An e-mail needs a subject; give one (the 'subject' field, or the 'subject' input parameter of the step)");
    assertProblem(post(ann, Map.of("channel", "WHATSAPP", "body", "Hi")), HttpStatus.UNPROCESSABLE_ENTITY,
        "missing-address",
        "Contact " + ann + " has no WhatsApp number, which WHATSAPP messages go to; add it with PUT /api/contacts/"
            + ann + " (field \"whatsapp\") or ContactService.register");
    assertProblem(post("nobody-" + UUID.randomUUID(), Map.of("channel", "SMS", "body", "Hi")), HttpStatus.NOT_FOUND,
        "contact-not-found", null);
    assertProblem(rest().getForEntity("/api/messages/{id}", JsonNode.class, Long.MAX_VALUE), HttpStatus.NOT_FOUND,
        "message-not-found",
        "There is no message " + Long.MAX_VALUE + " in the outbox; POST /api/contacts/{id}/messages answers with"
            + " the id");
    assertProblem(rest().getForEntity("/api/messages?status=LOST", JsonNode.class), HttpStatus.BAD_REQUEST,
        "invalid-input",
        "Unknown status 'LOST'; valid statuses are PENDING, CLAIMED, SENDING, SENT, BLOCKED, FAILED, UNKNOWN, LOGGED");
    assertProblem(rest().getForEntity("/api/messages", JsonNode.class), HttpStatus.BAD_REQUEST, "invalid-input",
        "Give the status to list, one of PENDING, CLAIMED, SENDING, SENT, BLOCKED, FAILED, UNKNOWN, LOGGED");
    assertThat(rest().getForObject("/api/contacts/{id}/messages", JsonNode.class, ann)).isEmpty();
  }

  @Test
  void theMessagesApiNeedsALogin() {
    String ann = contact(new ContactAddresses(newPhone(), null, null, null, null));

    ResponseEntity<String> response = anonymous.postForEntity("/api/contacts/{id}/messages",
        Map.of("channel", "SMS", "body", "Hi"), String.class, ann);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest().getForObject("/api/contacts/{id}/messages", JsonNode.class, ann)).isEmpty();
  }

  private ResponseEntity<JsonNode> post(String contactId, Map<String, String> body) {
    return rest().postForEntity("/api/contacts/{id}/messages", body, JsonNode.class, contactId);
  }

  private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String type,
      String detail) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody().get("type").asText()).isEqualTo("urn:dndguard:problem:" + type);
    if (detail != null) {
      assertThat(response.getBody().get("detail").asText()).isEqualTo(detail);
    }
  }

  /** A number of its own: the database is shared, and provider events apply to every contact with a number. */
  private static String newPhone() {
    return String.format("+1628555%04d", ThreadLocalRandom.current().nextInt(10_000));
  }

  private String contact(ContactAddresses addresses) {
    String id = "msg-api-" + UUID.randomUUID();
    contacts.register(id, addresses, Evidence.user("test", Instant.now()));
    return id;
  }
}
