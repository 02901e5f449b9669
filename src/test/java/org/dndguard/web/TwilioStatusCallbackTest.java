package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.store.AuditAction;
import org.dndguard.testsupport.ProviderSigning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /webhooks/twilio/status} over real HTTP, signed as Twilio signs. */
class TwilioStatusCallbackTest extends WebhookHttpTestSupport {

  private static final String PATH = TwilioWebhooks.STATUS_PATH;

  // --- the Rules table, one row each ---

  @ParameterizedTest(name = "error {0}")
  @ValueSource(strings = {"30003", "30005", "30006"})
  void aTemporaryCarrierErrorSetsSmsDndThatAUserMayClear(String errorCode) {
    // given
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> callback = WebhookClient.statusCallback(phone, "undelivered", errorCode);

    // when
    HttpResponse<String> response = client.twilio(PATH, callback);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(WebhookClient.parse(response.body())).containsEntry("outcome", "DND_SET");
    assertSetByTwilio(contactId, DndReason.CARRIER_TEMPORARY, callback, errorCode);
    dnd.clear(contactId, DndTarget.SMS, Evidence.user("operator", Instant.now()));
    assertThat(record(contactId).isBlocked(Channel.SMS)).isFalse();
  }

  @ParameterizedTest(name = "error {0}")
  @ValueSource(strings = {"30004", "21610"})
  void aPermanentCarrierErrorSetsSmsDndThatOnlyTheContactLifts(String errorCode) {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> callback = WebhookClient.statusCallback(phone, "failed", errorCode);

    assertThat(client.twilio(PATH, callback).statusCode()).isEqualTo(200);

    assertSetByTwilio(contactId, DndReason.CARRIER_PERMANENT, callback, errorCode);
    assertThatThrownBy(() -> dnd.clear(contactId, DndTarget.SMS, Evidence.user("operator", Instant.now())))
        .isInstanceOf(DndChangeRefusedException.class)
        .hasMessageContaining("was set by Twilio error " + errorCode + " on message " + callback.get("MessageSid"))
        .hasMessageContaining("only the contact can lift it, by texting START");
  }

  // --- what changes nothing ---

  @ParameterizedTest(name = "error {0}")
  @ValueSource(strings = {"30007", "30008", "21211"})
  void otherErrorCodesAreAuditedAsIgnored(String errorCode) {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> callback = WebhookClient.statusCallback(phone, "undelivered", errorCode);

    HttpResponse<String> response = client.twilio(PATH, callback);

    assertThat(WebhookClient.parse(response.body())).containsEntry("outcome", "IGNORED");
    assertThat(record(contactId).entries()).isEmpty();
    assertThat(trail(contactId)).last().satisfies(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.IGNORED);
      assertThat(row.evidence().code()).isEqualTo(errorCode);
      assertThat(row.message()).contains("only errors 30003, 30004, 30005, 30006 and 21610 set SMS DND");
    });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"queued", "sent", "delivered", "read"})
  void statusesWithoutAnErrorChangeNothingAndAreNotRecorded(String status) {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    int before = trail(contactId).size();

    HttpResponse<String> response = client.twilio(PATH, WebhookClient.statusCallback(phone, status, null));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(record(contactId).entries()).isEmpty();
    assertThat(trail(contactId)).hasSize(before);
  }

  @Test
  void aWhatsAppMessagesErrorDoesNotSetSmsDnd() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);

    HttpResponse<String> response = client.twilio(PATH, WebhookClient.statusCallback("whatsapp:" + phone, "failed",
        "21610"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(record(contactId).entries()).isEmpty();
  }

  // --- once, and only from Twilio ---

  @Test
  void aDuplicatedCallbackChangesDndAndTheTrailOnce() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> callback = WebhookClient.statusCallback(phone, "undelivered", "30003");

    HttpResponse<String> first = client.twilio(PATH, callback);
    HttpResponse<String> second = client.twilio(PATH, callback);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(WebhookClient.parse(second.body())).containsEntry("outcome", "DUPLICATE");
    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.SET).hasSize(1);
  }

  @Test
  void anAddressSharedByTwoContactsGetsDndOnBoth() {
    String shared = newPhone();
    String ann = contactWith(shared, null);
    String bob = contactWith(shared, null);

    client.twilio(PATH, WebhookClient.statusCallback(shared, "failed", "30004"));

    for (String contactId : List.of(ann, bob)) {
      assertThat(record(contactId).entry(DndTarget.SMS, DndReason.CARRIER_PERMANENT)).as(contactId).isPresent();
    }
  }

  @Test
  void aForgedSignatureIsRefusedAndChangesNothing() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> callback = WebhookClient.statusCallback(phone, "failed", "21610");
    String forged = ProviderSigning.twilio("not-the-auth-token", properties.webhooks().publicBaseUrl() + PATH, callback);

    assertProblem(client.twilio(PATH, callback, forged), 403, "X-Twilio-Signature", "does not match the request");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aSignatureForTheAddressTheRequestArrivedAtIsNotTheOneTwilioMakes() {
    // Twilio signs the public URL it was given; a proxy in front changes the address the app sees
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> callback = WebhookClient.statusCallback(phone, "failed", "21610");
    String local = ProviderSigning.twilio(properties.webhooks().twilio().authToken(), "http://localhost:" + port + PATH,
        callback);

    assertProblem(client.twilio(PATH, callback, local), 403, "X-Twilio-Signature", "dnd.webhooks.public-base-url");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aMissingSignatureIsRefused() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);

    assertProblem(client.twilio(PATH, WebhookClient.statusCallback(phone, "failed", "21610"), null), 403,
        "X-Twilio-Signature", "no X-Twilio-Signature header");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aQueryStringIsPartOfTheSignedUrl() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> callback = WebhookClient.statusCallback(phone, "failed", "21610");
    String path = PATH + "?tenant=acme";
    String signed = ProviderSigning.twilio(properties.webhooks().twilio().authToken(),
        properties.webhooks().publicBaseUrl() + path, callback);

    assertThat(client.twilio(path, callback, signed).statusCode()).isEqualTo(200);
    assertThat(record(contactId).isBlocked(Channel.SMS)).isTrue();
  }

  // --- malformed requests ---

  @Test
  void aMissingMessageSidIsRefusedNamingIt() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> callback = WebhookClient.statusCallback(phone, "failed", "21610");
    callback.remove("MessageSid");

    assertProblem(client.twilio(PATH, callback), 400, "MessageSid", "MessageSid is missing");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aToThatIsNoNumberIsRefusedNamingItWhenItsErrorSetsNoDnd() {
    assertProblem(client.twilio(PATH, WebhookClient.statusCallback("12", "failed", "30007")), 400, "To",
        "'12' is not a valid phone number");
  }

  // --- an error that sets DND is never lost for a number DND Guard cannot read (issue 20) ---

  @ParameterizedTest(name = "error {0}")
  @ValueSource(strings = {"21610", "30004"})
  void aPermanentErrorForAToThatIsNoNumberIsKeptForTheAddressAsSentAndAudited(String errorCode) {
    String to = "12-" + System.nanoTime();
    Map<String, String> callback = WebhookClient.statusCallback(to, "failed", errorCode);

    HttpResponse<String> response = client.twilio(PATH, callback);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(WebhookClient.parse(response.body())).containsEntry("outcome", "DND_SET");
    assertThat(audit.addressHistory(AddressKind.PHONE, to, 0, 10)).singleElement().satisfies(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.SET);
      assertThat(row.target()).isEqualTo(DndTarget.SMS);
      assertThat(row.reason()).isEqualTo(DndReason.CARRIER_PERMANENT);
      assertThat(row.evidence().code()).isEqualTo(errorCode);
      assertThat(row.evidence().providerEventId()).isEqualTo(callback.get("MessageSid"));
      assertThat(row.evidence().note()).contains("kept for the address exactly as Twilio sent it");
    });
    // the same callback again is a duplicate, not a second change
    assertThat(WebhookClient.parse(client.twilio(PATH, callback).body())).containsEntry("outcome", "DUPLICATE");
    assertThat(audit.addressHistory(AddressKind.PHONE, to, 0, 10)).hasSize(1);
  }

  @Test
  void error63014ForAWhatsAppNumberThatCannotBeReadIsKeptForTheAddressAsSentAndAudited() {
    String to = "whatsapp:12-" + System.nanoTime();
    Map<String, String> callback = WebhookClient.statusCallback(to, "undelivered", "63014");

    HttpResponse<String> response = client.twilio(PATH, callback);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(WebhookClient.parse(response.body())).containsEntry("outcome", "DND_SET");
    assertThat(audit.addressHistory(AddressKind.WHATSAPP, to, 0, 10)).singleElement().satisfies(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.SET);
      assertThat(row.target()).isEqualTo(DndTarget.WHATSAPP);
      assertThat(row.reason()).isEqualTo(DndReason.WHATSAPP_BLOCKED);
      assertThat(row.evidence().code()).isEqualTo("63014");
    });
  }

  @Test
  void jsonIsRefusedAsTheWrongContentType() {
    assertProblem(client.post(PATH, "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of()), 400,
        "Content-Type", "Twilio posts application/x-www-form-urlencoded");
  }

  @Test
  void aMissingContentTypeIsRefused() {
    assertProblem(client.post(PATH, null, "To=1".getBytes(StandardCharsets.UTF_8), Map.of()), 400, "Content-Type",
        "Content-Type is missing");
  }

  private void assertSetByTwilio(String contactId, DndReason reason, Map<String, String> callback, String code) {
    assertThat(record(contactId).entry(DndTarget.SMS, reason)).isPresent();
    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.SET).singleElement().satisfies(row -> {
      assertThat(row.target()).isEqualTo(DndTarget.SMS);
      assertThat(row.reason()).isEqualTo(reason);
      assertThat(row.addressKind()).isEqualTo(AddressKind.PHONE);
      assertThat(row.evidence().source()).isEqualTo(Source.TWILIO);
      assertThat(row.evidence().actor()).isEqualTo(callback.get("AccountSid"));
      assertThat(row.evidence().providerEventId()).isEqualTo(callback.get("MessageSid"));
      assertThat(row.evidence().code()).isEqualTo(code);
      assertThat(row.evidence().receivedAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    });
  }
}
