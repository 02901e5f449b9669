package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = org.dndguard.app.DndGuardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContactDndApiTest {

  private static final List<String> OUTBOUND = List.of("CALL", "EMAIL", "SMS", "WHATSAPP", "FACEBOOK", "GMB", "ALL");

  @LocalServerPort
  int port;

  @Autowired
  ContactService contacts;

  @Autowired
  DndService dndService;

  ApiHttp http;
  String id;
  String phone;
  String dnd;

  @BeforeEach
  void registerContact() {
    http = ApiHttp.demo(port);
    id = "c-" + UUID.randomUUID();
    // a number of its own per test: provider events apply to every contact with the address
    phone = "+1415" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
    contacts.register(id, new ContactAddresses(phone, null, null, null, null), Evidence.user("test", Instant.now()));
    dnd = "/api/contacts/" + id + "/dnd";
  }

  @Test
  void aNewContactIsOffOnEveryChannel() {
    ApiHttp.Response response = http.get(dnd);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/json");
    JsonNode record = response.json();
    assertThat(record.path("contactId").asText()).isEqualTo(id);
    assertThat(record.path("status").asText()).isEqualTo("OFF");
    assertThat(names(record.path("channels"))).containsExactlyElementsOf(OUTBOUND);
    assertThat(names(record.path("inbound"))).containsExactly("CALL", "SMS");
    for (JsonNode channel : List.of(record.path("channels"), record.path("inbound"))) {
      channel.forEach(view -> {
        assertThat(view.path("active").asBoolean()).isFalse();
        assertThat(view.path("blocked").asBoolean()).isFalse();
        assertThat(view.path("userMayClear").asBoolean()).isTrue();
        assertThat(view.path("reasons").isEmpty()).isTrue();
      });
    }
  }

  @Test
  void settingAChannelAnswersTheRecordWithTheReasonAndTheUser() {
    // when
    Instant asked = Instant.now();
    ApiHttp.Response response = http.put(dnd + "/channels/SMS", "{\"note\": \"Asked by phone not to be texted\"}");
    Instant answered = Instant.now();

    // then
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    JsonNode record = response.json();
    assertThat(record.path("status").asText()).isEqualTo("PARTIAL");
    JsonNode sms = record.path("channels").path("SMS");
    assertThat(sms.path("active").asBoolean()).isTrue();
    assertThat(sms.path("blocked").asBoolean()).isTrue();
    assertThat(sms.path("userMayClear").asBoolean()).isTrue();
    JsonNode reason = sms.path("reasons").get(0);
    assertThat(reason.path("reason").asText()).isEqualTo("MANUAL");
    assertThat(reason.path("kind").asText()).isEqualTo("MANUAL");
    assertThat(reason.path("setBy").asText()).isEqualTo("a user (demo)");
    assertThat(reason.path("userMayClear").asBoolean()).isTrue();
    assertThat(reason.path("howToLift").asText()).isEqualTo("a user may clear it");
    assertThat(Instant.parse(reason.path("since").asText())).as("since: the time of this request")
        .isBetween(asked.truncatedTo(ChronoUnit.MILLIS), answered);
    assertThat(reason.path("evidence").path("actor").asText()).isEqualTo("demo");
    assertThat(reason.path("evidence").path("note").asText()).isEqualTo("Asked by phone not to be texted");
    assertThat(record.path("channels").path("EMAIL").path("blocked").asBoolean()).isFalse();
    assertThat(http.get(dnd).json()).as("GET answers what PUT did").isEqualTo(record);
  }

  @Test
  void settingWhatIsAlreadySetChangesNothingAndWritesNoSecondAuditRow() {
    // given
    JsonNode first = http.put(dnd + "/channels/EMAIL", null).json();
    long rows = total();

    // when
    ApiHttp.Response again = http.put(dnd + "/channels/EMAIL", "{\"note\": \"once more\"}");

    // then
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).as("the record, unchanged").isEqualTo(first);
    assertThat(total()).isEqualTo(rows);
  }

  @Test
  void clearingAChannelAnswersTheRecordAndAuditsTheUser() {
    // given
    http.put(dnd + "/channels/WHATSAPP", null);

    // when
    ApiHttp.Response response = http.delete(dnd + "/channels/whatsapp", "{\"note\": \"Opted back in on the phone\"}");

    // then
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    assertThat(response.json().path("status").asText()).isEqualTo("OFF");
    assertThat(response.json().path("channels").path("WHATSAPP").path("active").asBoolean()).isFalse();
    JsonNode row = history().get(0);
    assertThat(row.path("action").asText()).isEqualTo("CLEARED");
    assertThat(row.path("target").asText()).isEqualTo("WHATSAPP");
    assertThat(row.path("evidence").path("actor").asText()).isEqualTo("demo");
    assertThat(row.path("evidence").path("note").asText()).isEqualTo("Opted back in on the phone");
  }

  @Test
  void clearingWhatIsNotSetChangesNothing() {
    long rows = total();

    ApiHttp.Response response = http.delete(dnd + "/channels/GMB", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(total()).isEqualTo(rows);
  }

  @Test
  void allBlocksEveryChannelAndLiftingItLeavesAChannelsOwnDnd() {
    // given
    http.put(dnd + "/channels/CALL", null);

    // when
    JsonNode all = http.put(dnd + "/channels/all", null).json();

    // then
    assertThat(all.path("status").asText()).isEqualTo("ON");
    assertThat(all.path("channels").path("ALL").path("active").asBoolean()).isTrue();
    assertThat(all.path("channels").path("EMAIL").path("active").asBoolean()).isFalse();
    assertThat(all.path("channels").path("EMAIL").path("blocked").asBoolean()).as("blocked by ALL").isTrue();

    JsonNode lifted = http.delete(dnd + "/channels/ALL", null).json();
    assertThat(lifted.path("status").asText()).isEqualTo("PARTIAL");
    assertThat(lifted.path("channels").path("CALL").path("blocked").asBoolean()).isTrue();
    assertThat(lifted.path("channels").path("EMAIL").path("blocked").asBoolean()).isFalse();
  }

  @Test
  void anUnknownChannelIs400ListingTheValidChannelsAndChangesNothing() {
    long rows = total();

    JsonNode problem = assertProblem(http.put(dnd + "/channels/FAX", null), 400, "urn:dndguard:problem:invalid-input");

    assertThat(problem.path("field").asText()).isEqualTo("channel");
    assertThat(problem.path("detail").asText())
        .isEqualTo("Unknown channel 'FAX'; valid channels are CALL, EMAIL, SMS, WHATSAPP, FACEBOOK, GMB and ALL");
    assertThat(names(problem.path("validValues"))).containsExactlyElementsOf(OUTBOUND);
    assertProblem(http.delete(dnd + "/channels/INBOUND_SMS", null), 400, "urn:dndguard:problem:invalid-input");
    assertThat(total()).isEqualTo(rows);
  }

  @Test
  void inboundDndIsSetAndClearedApartFromOutbound() {
    // when
    JsonNode set = http.put(dnd + "/inbound/call", "{\"note\": \"Calls at night\"}").json();

    // then
    assertThat(set.path("inbound").path("CALL").path("active").asBoolean()).isTrue();
    assertThat(set.path("inbound").path("CALL").path("reasons").get(0).path("evidence").path("actor").asText())
        .isEqualTo("demo");
    assertThat(set.path("inbound").path("SMS").path("active").asBoolean()).isFalse();
    assertThat(set.path("channels").path("CALL").path("blocked").asBoolean()).as("outbound calls still go").isFalse();
    assertThat(set.path("status").asText()).isEqualTo("OFF");
    assertThat(history().get(0).path("target").asText()).isEqualTo("INBOUND_CALL");

    JsonNode cleared = http.delete(dnd + "/inbound/CALL", null).json();
    assertThat(cleared.path("inbound").path("CALL").path("active").asBoolean()).isFalse();
  }

  @Test
  void anUnknownInboundChannelIs400ListingCallAndSms() {
    JsonNode problem = assertProblem(http.put(dnd + "/inbound/EMAIL", null), 400,
        "urn:dndguard:problem:invalid-input");

    assertThat(problem.path("detail").asText()).contains("'EMAIL'", "CALL and SMS");
    assertThat(names(problem.path("validValues"))).containsExactly("CALL", "SMS");
  }

  @Test
  void aClearTheRulesRefuseIs409WithTheRulesMessageAndIsAudited() {
    // given: a user's SMS DND, then the contact texts STOP
    http.put(dnd + "/channels/SMS", null);
    Instant stopReceived = Instant.parse("2026-11-27T08:00:00Z");
    dndService.applyToAddress(AddressKind.PHONE, phone, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT,
        Evidence.providerEvent(Source.TWILIO, "SM" + UUID.randomUUID().toString().replace("-", ""), stopReceived)
            .keyword("STOP").build()));
    JsonNode before = http.get(dnd).json();
    assertThat(before.path("channels").path("SMS").path("userMayClear").asBoolean()).isFalse();

    // when
    ApiHttp.Response response = http.delete(dnd + "/channels/SMS", "{\"note\": \"customer called\"}");

    // then
    JsonNode problem = assertProblem(response, 409, "urn:dndguard:problem:dnd-change-refused");
    assertThat(problem.path("detail").asText())
        .startsWith("SMS DND for contact " + id + " was set by the opt-out keyword STOP on ")
        .endsWith("; only the contact can lift it, by texting START");
    assertThat(problem.path("contactId").asText()).isEqualTo(id);
    assertThat(problem.path("channel").asText()).isEqualTo("SMS");
    assertThat(problem.path("reason").asText()).isEqualTo("SMS_OPT_OUT");
    assertThat(problem.path("kind").asText()).isEqualTo("PERMANENT");
    assertThat(problem.path("setBy").asText()).isEqualTo("the opt-out keyword STOP");
    assertThat(problem.path("howToLift").asText()).isEqualTo("only the contact can lift it, by texting START");
    assertThat(Instant.parse(problem.path("since").asText())).as("since: when the STOP was received")
        .isEqualTo(stopReceived);
    assertThat(http.get(dnd).json()).as("all or nothing: the user's DND stays too").isEqualTo(before);
    JsonNode row = history().get(0);
    assertThat(row.path("action").asText()).isEqualTo("REFUSED");
    assertThat(row.path("message").asText()).isEqualTo(problem.path("detail").asText());
    assertThat(row.path("evidence").path("actor").asText()).isEqualTo("demo");
    assertThat(row.path("evidence").path("note").asText()).isEqualTo("customer called");
  }

  @Test
  void everyEndpointAnswers404ForAnUnknownContact() {
    String unknown = "/api/contacts/c-" + UUID.randomUUID() + "/dnd";

    for (ApiHttp.Response response : List.of(http.get(unknown), http.put(unknown + "/channels/SMS", null),
        http.delete(unknown + "/channels/SMS", null), http.put(unknown + "/inbound/SMS", null),
        http.delete(unknown + "/inbound/SMS", null), http.get(unknown + "/history"))) {
      assertProblem(response, 404, "urn:dndguard:problem:contact-not-found");
    }
  }

  @Test
  void aNoteLongerThanTheAuditTrailKeepsIs400AndChangesNothing() {
    long rows = total();

    JsonNode problem = assertProblem(http.put(dnd + "/channels/SMS", "{\"note\": \"" + "x".repeat(1001) + "\"}"),
        400, "urn:dndguard:problem:invalid-input");

    assertThat(problem.path("field").asText()).isEqualTo("note");
    assertThat(problem.path("detail").asText()).isEqualTo("Field 'note' must be at most 1000 characters long");
    assertThat(http.get(dnd).json().path("channels").path("SMS").path("active").asBoolean()).isFalse();
    assertThat(total()).isEqualTo(rows);
  }

  @Test
  void aBodyWithAnotherMemberThanNoteIs400() {
    JsonNode problem = assertProblem(http.put(dnd + "/channels/SMS", "{\"reason\": \"SPAM_COMPLAINT\"}"), 400,
        "urn:dndguard:problem:invalid-input");

    assertThat(problem.path("field").asText()).isEqualTo("reason");
    assertThat(problem.path("detail").asText()).contains("the fields are note");
    assertThat(http.get(dnd).json().path("status").asText()).isEqualTo("OFF");
  }

  private long total() {
    return http.get(dnd + "/history").json().path("total").asLong();
  }

  private JsonNode history() {
    return http.get(dnd + "/history").json().path("items");
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(value -> names.add(value.asText()));
    } else {
      node.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }
}
