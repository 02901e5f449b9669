package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.provider.internal.ProviderEventLog;
import org.dndguard.provider.internal.ProviderOutcome;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.store.AuditAction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code POST /webhooks/twilio/sms} and {@code /webhooks/twilio/voice} over real HTTP, signed as
 * Twilio signs, with the real engine behind: keywords, texts handed to waiting workflows, inbound DND.
 */
class TwilioInboundTest extends WebhookHttpTestSupport {

  private static final String SMS = TwilioWebhooks.SMS_PATH;
  private static final String VOICE = TwilioWebhooks.VOICE_PATH;
  private static final String MODEL = "InboundSms-waitForReply";

  @Autowired
  ProcessEngine processEngine;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  ProviderEventLog events;

  @BeforeEach
  void deployModel() {
    BpmnAwareTests.init(processEngine);
    deploy(MODEL);
  }

  private void deploy(String model) {
    processEngine.getRepositoryService().createDeployment()
        .name(model)
        .addClasspathResource("org/dndguard/web/" + model + ".bpmn")
        .enableDuplicateFiltering(true)
        .deploy();
  }

  // --- keywords ---

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"STOP", "stop", " Stop. ", "STOPALL", "unsubscribe", "Cancel!", "END", "quit", "REVOKE",
      "optout"})
  void anOptOutKeywordSetsPermanentSmsDndAndIsConfirmedOnce(String body) {
    // given
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> text = WebhookClient.inboundSms(phone, body);

    // when
    HttpResponse<String> response = client.twilio(SMS, text);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/xml");
    assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
        + properties.webhooks().twilio().optOutReply() + "</Message></Response>");
    assertThat(record(contactId).entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).isPresent();
    String keyword = body.replaceAll("[^A-Za-z]", "").toUpperCase();
    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.SET).singleElement().satisfies(row -> {
      assertThat(row.reason()).isEqualTo(DndReason.SMS_OPT_OUT);
      assertThat(row.evidence().source()).isEqualTo(Source.TWILIO);
      assertThat(row.evidence().keyword()).isEqualTo(keyword);
      assertThat(row.evidence().providerEventId()).isEqualTo(text.get("MessageSid"));
      assertThat(row.evidence().receivedAt()).isNotNull();
    });
  }

  @Test
  void stopThenAUsersClearIsRefusedThenStartFromTheContactClearsIt() {
    // given: the contact texted STOP
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    client.twilio(SMS, WebhookClient.inboundSms(phone, "STOP"));

    // when a user tries to clear SMS DND: refused, and the message says why and what lifts it
    assertThatThrownBy(() -> dnd.clear(contactId, DndTarget.SMS, Evidence.user("operator", Instant.now())))
        .isInstanceOf(DndChangeRefusedException.class)
        .hasMessageMatching("SMS DND for contact " + contactId + " was set by the opt-out keyword STOP on"
            + " \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ; only the contact can lift it, by texting START");
    assertThat(record(contactId).isBlocked(Channel.SMS)).isTrue();

    // when the contact texts START
    HttpResponse<String> start = client.twilio(SMS, WebhookClient.inboundSms(phone, "start"));

    // then
    assertThat(start.body()).contains("<Message>" + properties.webhooks().twilio().optInReply() + "</Message>");
    assertThat(record(contactId).isBlocked(Channel.SMS)).isFalse();
    assertThat(trail(contactId)).extracting(r -> r.action())
        .containsSubsequence(AuditAction.SET, AuditAction.REFUSED, AuditAction.CLEARED);
  }

  @Test
  void startLiftsCarrierErrorsButNotWhatAUserSetAndSaysTheContactIsStillUnsubscribed() {
    // given: a carrier error and a user's SMS DND
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    client.twilio(TwilioWebhooks.STATUS_PATH, WebhookClient.statusCallback(phone, "failed", "21610"));
    dnd.set(contactId, DndTarget.SMS, Evidence.user("operator", "asked by phone", Instant.now()));
    Map<String, String> unstop = WebhookClient.inboundSms(phone, "UNSTOP");

    // when
    HttpResponse<String> response = client.twilio(SMS, unstop);

    // then: the carrier error is lifted, the user's DND stays, and the contact is not told otherwise
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("<Message>" + properties.webhooks().twilio().optInBlockedReply()
        + "</Message>").doesNotContain(properties.webhooks().twilio().optInReply());
    assertThat(record(contactId).entries(DndTarget.SMS)).extracting(e -> e.reason()).containsExactly(DndReason.MANUAL);
    assertThat(trail(contactId)).filteredOn(r -> unstop.get("MessageSid").equals(r.evidence().providerEventId()))
        .extracting(r -> r.action() + "/" + r.reason())
        .containsExactly("CLEARED/CARRIER_PERMANENT", "REFUSED/MANUAL");
    assertThat(events.find(Source.TWILIO, "sms:" + unstop.get("MessageSid"))).get()
        .extracting(ProviderEventLog.ProviderEvent::outcome).isEqualTo(ProviderOutcome.OPT_IN_REFUSED);
  }

  @Test
  void startUnderAUsersSmsDndIsRefusedOnTheTrailAndAnsweredOnce() {
    // given
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    dnd.set(contactId, DndTarget.SMS, Evidence.user("operator", "asked by phone", Instant.now()));
    Map<String, String> start = WebhookClient.inboundSms(phone, "START");

    // when: Twilio delivers the text twice
    HttpResponse<String> first = client.twilio(SMS, start);
    HttpResponse<String> again = client.twilio(SMS, start);

    // then
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("<Message>" + properties.webhooks().twilio().optInBlockedReply() + "</Message>")
        .doesNotContain("resubscribed");
    assertThat(again.body()).endsWith("<Response></Response>");
    assertThat(record(contactId).isBlocked(Channel.SMS)).isTrue();
    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.REFUSED).singleElement()
        .satisfies(row -> {
          assertThat(row.evidence().providerEventId()).isEqualTo(start.get("MessageSid"));
          assertThat(row.evidence().keyword()).isEqualTo("START");
          assertThat(row.address()).isEqualTo(phone);
          assertThat(row.message()).startsWith("Contact " + contactId + " texted START, but SMS stays in DND:"
              + " SMS DND was set by a user (operator)");
        });
  }

  @Test
  void afterTwiliosOwnStartConfirmationTheContactStillLearnsThatAllStays() {
    // Advanced Opt-Out: Twilio has told the contact they are resubscribed; DND Guard corrects it
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    dnd.set(contactId, DndTarget.ALL, Evidence.user("operator", Instant.now()));
    Map<String, String> text = WebhookClient.inboundSms(phone, "START");
    text.put("OptOutType", "START");

    HttpResponse<String> response = client.twilio(SMS, text);

    assertThat(response.body()).contains("<Message>" + properties.webhooks().twilio().optInBlockedReply()
        + "</Message>");
    assertThat(record(contactId).isBlocked(Channel.SMS)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"HELP", "info?"})
  void helpIsAnsweredWithTheHelpTextAndChangesNothing(String body) {
    String phone = newPhone();
    String contactId = contactWith(phone, null);

    HttpResponse<String> response = client.twilio(SMS, WebhookClient.inboundSms(phone, body));

    assertThat(response.body()).contains("<Message>" + properties.webhooks().twilio().helpReply()
        .replace("&", "&amp;") + "</Message>");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void twiliosOptOutTypeIsHonouredAndTwiliosOwnConfirmationIsNotRepeated() {
    // Advanced Opt-Out: Twilio recognised a localised keyword and has answered it itself
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> text = WebhookClient.inboundSms(phone, "ARRET");
    text.put("OptOutType", "STOP");

    HttpResponse<String> response = client.twilio(SMS, text);

    assertThat(response.body()).endsWith("<Response></Response>");
    // DND Guard reads ARRET as the French keyword itself, and keeps that reading on the evidence
    assertThat(record(contactId).entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).get()
        .satisfies(entry -> assertThat(entry.evidence().keyword()).isEqualTo("ARRÊT"));
  }

  @Test
  void aDuplicatedStopChangesDndOnceAndIsConfirmedOnce() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> text = WebhookClient.inboundSms(phone, "STOP");

    HttpResponse<String> first = client.twilio(SMS, text);
    HttpResponse<String> second = client.twilio(SMS, text);

    assertThat(first.body()).contains("<Message>");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).endsWith("<Response></Response>");
    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.SET).hasSize(1);
  }

  @Test
  void anOptOutFromAnUnknownNumberAppliesToAContactRegisteredLaterWithIt() {
    String phone = newPhone();

    assertThat(client.twilio(SMS, WebhookClient.inboundSms(phone, "STOP")).statusCode()).isEqualTo(200);
    String later = contactWith(phone, null);

    assertThat(record(later).entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).isPresent();
  }

  @Test
  void anOptOutFromANumberSharedByTwoContactsAppliesToBoth() {
    String shared = newPhone();
    String ann = contactWith(shared, null);
    String bob = contactWith(shared, null);

    client.twilio(SMS, WebhookClient.inboundSms(shared, "STOP"));

    assertThat(List.of(ann, bob)).allSatisfy(id -> assertThat(record(id).isBlocked(Channel.SMS)).isTrue());
  }

  // --- texts for workflows ---

  @Test
  void aTextReachesTheContactsWaitingInstanceAsInboundSms() {
    // given
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    ProcessInstance waiting = runtimeService.startProcessInstanceByKey(MODEL, Map.of("contactId", contactId));
    ProcessInstance someoneElses = runtimeService.startProcessInstanceByKey(MODEL, Map.of("contactId", "c-other"));

    // when
    HttpResponse<String> response = client.twilio(SMS, WebhookClient.inboundSms(phone, "sure, 3pm works"));
    deliveries.deliverPending();

    // then: not a keyword, so it is the contact's reply
    assertThat(response.body()).endsWith("<Response></Response>");
    assertThat(waiting).isWaitingAt("readReply").variables()
        .containsEntry("from", phone).containsEntry("body", "sure, 3pm works").containsEntry("contactId", contactId);
    assertThat(someoneElses).isWaitingAt("waitForReply");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aTextForASuspendedInstanceReachesItWhenItIsActivatedNotAnIncidentMeanwhile() {
    // given: the contact's only waiting instance, suspended by an operator
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    ProcessInstance paused = runtimeService.startProcessInstanceByKey(MODEL, Map.of("contactId", contactId));
    runtimeService.suspendProcessInstanceById(paused.getId());
    Map<String, String> text = WebhookClient.inboundSms(phone, "call me after 5");
    long failedBefore = deliveries.failed();

    // when
    HttpResponse<String> response = client.twilio(SMS, text);
    deliveries.deliverPending();

    // then: it waits with the instance, no attempt spent and no incident
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(paused).isWaitingAt("waitForReply");
    assertThat(deliveries.failed()).isEqualTo(failedBefore);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(paused.getId()).count()).isZero();
    assertThat(events.find(Source.TWILIO, "sms:" + text.get("MessageSid"))).get().satisfies(event -> {
      assertThat(event.outcome()).isEqualTo(ProviderOutcome.CORRELATED);
      assertThat(event.detail()).contains(paused.getId()).contains("suspended");
    });

    // when the operator activates it, the reply arrives
    runtimeService.activateProcessInstanceById(paused.getId());
    deliveries.deliverPending();
    assertThat(paused).isWaitingAt("readReply").variables()
        .containsEntry("from", phone).containsEntry("body", "call me after 5").containsEntry("contactId", contactId);
  }

  @Test
  void anInstanceWhoseNextStepFailsDoesNotKeepTheTextFromTheContactsOtherInstances() {
    // given: two instances wait for the contact's reply; one lacks the owner its next step texts
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    deploy("InboundSms-notifyOwner");
    ProcessInstance broken = runtimeService.startProcessInstanceByKey("InboundSms-notifyOwner",
        Map.of("contactId", contactId));
    ProcessInstance fine = runtimeService.startProcessInstanceByKey("InboundSms-notifyOwner",
        Map.of("contactId", contactId, "owner", contactId));
    Map<String, String> text = WebhookClient.inboundSms(phone, "Yes please, 3pm");
    long failedBefore = deliveries.failed();

    // when: the guard fails closed in the broken instance, and Twilio delivers the text again
    HttpResponse<String> response = client.twilio(SMS, text);
    HttpResponse<String> again = client.twilio(SMS, text);
    deliveries.deliverPending();

    // then: the fine instance has the text, the broken one rolled back to its wait and is an incident
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(fine).isWaitingAt("readReply").variables().containsEntry("body", "Yes please, 3pm");
    assertThat(broken).isWaitingAt("waitForReply");
    assertThat(events.find(Source.TWILIO, "sms:" + text.get("MessageSid"))).get().satisfies(event -> {
      assertThat(event.outcome()).isEqualTo(ProviderOutcome.CORRELATED);
      assertThat(event.detail()).contains(fine.getId()).contains(broken.getId());
    });
    assertThat(deliveries.failed()).isEqualTo(failedBefore + 1);
  }

  @Test
  void aTextThatItsOnlyWaitingInstanceFailsToTakeBecomesAnIncidentAndStaysReceived() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    deploy("InboundSms-notifyOwner");
    ProcessInstance broken = runtimeService.startProcessInstanceByKey("InboundSms-notifyOwner",
        Map.of("contactId", contactId));
    Map<String, String> text = WebhookClient.inboundSms(phone, "hello?");

    long failedBefore = deliveries.failed();

    HttpResponse<String> response = client.twilio(SMS, text);
    deliveries.deliverPending();

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(broken).isWaitingAt("waitForReply");
    // the delivery tried every attempt and is an incident; the event says it was received, not where it went
    assertThat(deliveries.failed()).isEqualTo(failedBefore + 1);
    assertThat(events.find(Source.TWILIO, "sms:" + text.get("MessageSid"))).get()
        .extracting(ProviderEventLog.ProviderEvent::outcome).isEqualTo(ProviderOutcome.RECEIVED);
  }

  @Test
  void aTextWithoutAWaitingInstanceIsRecordedAndAnsweredEmpty() {
    String phone = newPhone();
    contactWith(phone, null);
    Map<String, String> text = WebhookClient.inboundSms(phone, "hello?");

    HttpResponse<String> response = client.twilio(SMS, text);
    deliveries.deliverPending();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(events.find(Source.TWILIO, "sms:" + text.get("MessageSid"))).get()
        .extracting(ProviderEventLog.ProviderEvent::outcome).isEqualTo(ProviderOutcome.NO_WAITING_WORKFLOW);
  }

  @Test
  void underInboundSmsDndATextReachesNoWorkflowButStopIsHonoured() {
    // given
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    dnd.set(contactId, DndTarget.INBOUND_SMS, Evidence.user("operator", "abusive texts", Instant.now()));
    ProcessInstance waiting = runtimeService.startProcessInstanceByKey(MODEL, Map.of("contactId", contactId));
    Map<String, String> text = WebhookClient.inboundSms(phone, "you will read this");

    // when
    HttpResponse<String> blocked = client.twilio(SMS, text);

    // then
    assertThat(blocked.statusCode()).isEqualTo(200);
    assertThat(waiting).isWaitingAt("waitForReply");
    assertThat(trail(contactId)).last().satisfies(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.INBOUND_BLOCKED);
      assertThat(row.target()).isEqualTo(DndTarget.INBOUND_SMS);
      assertThat(row.evidence().providerEventId()).isEqualTo(text.get("MessageSid"));
    });
    assertThat(events.find(Source.TWILIO, "sms:" + text.get("MessageSid"))).get()
        .extracting(ProviderEventLog.ProviderEvent::outcome).isEqualTo(ProviderOutcome.INBOUND_BLOCKED);

    // when the same contact texts STOP
    HttpResponse<String> stop = client.twilio(SMS, WebhookClient.inboundSms(phone, "STOP"));

    // then
    assertThat(stop.body()).contains("<Message>");
    assertThat(record(contactId).entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).isPresent();
    assertThat(waiting).isWaitingAt("waitForReply");
  }

  // --- calls ---

  @Test
  void aCallFromAContactUnderInboundCallDndIsRejected() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    dnd.set(contactId, DndTarget.INBOUND_CALL, Evidence.user("operator", Instant.now()));
    Map<String, String> call = WebhookClient.inboundCall(phone);

    HttpResponse<String> response = client.twilio(VOICE, call);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Reject/></Response>");
    assertThat(trail(contactId)).last().satisfies(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.INBOUND_BLOCKED);
      assertThat(row.target()).isEqualTo(DndTarget.INBOUND_CALL);
      assertThat(row.evidence().providerEventId()).isEqualTo(call.get("CallSid"));
    });
  }

  @Test
  void aCallOtherwiseGetsTheConfiguredResponseAndIsRecorded() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    dnd.set(contactId, DndTarget.INBOUND_SMS, Evidence.user("operator", Instant.now()));
    Map<String, String> call = WebhookClient.inboundCall(phone);

    HttpResponse<String> response = client.twilio(VOICE, call);

    assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
        + properties.webhooks().twilio().voiceResponse() + "</Response>");
    assertThat(events.find(Source.TWILIO, "call:" + call.get("CallSid"))).get()
        .extracting(ProviderEventLog.ProviderEvent::outcome).isEqualTo(ProviderOutcome.CALL_ANSWERED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+266696687", "anonymous", "client:alice"})
  void aCallerWithoutAUsableNumberGetsTheConfiguredResponse(String from) {
    HttpResponse<String> response = client.twilio(VOICE, WebhookClient.inboundCall(from));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(properties.webhooks().twilio().voiceResponse());
  }

  @Test
  void aRepeatedCallRequestGetsTheSameAnswerAndIsRecordedOnce() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    dnd.set(contactId, DndTarget.INBOUND_CALL, Evidence.user("operator", Instant.now()));
    Map<String, String> call = WebhookClient.inboundCall(phone);

    client.twilio(VOICE, call);
    HttpResponse<String> again = client.twilio(VOICE, call);

    assertThat(again.body()).contains("<Reject/>");
    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.INBOUND_BLOCKED).hasSize(1);
  }

  // --- refused requests ---

  @Test
  void aForgedStopIsRefusedAndChangesNothing() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> text = WebhookClient.inboundSms(phone, "STOP");
    String signature = client.signTwilio(SMS, text);
    text.put("Body", "START");

    assertProblem(client.twilio(SMS, text, signature), 403, "X-Twilio-Signature", "does not match");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aQueryWithABrokenPercentEscapeIsRefusedAsUnsignedNotAnError() {
    // java.net.URI refuses to build this URL, so the request is written by hand, as any client on the
    // network can; it needs no signature or credentials to get this far
    String form = WebhookClient.form(WebhookClient.inboundSms(newPhone(), "STOP"));

    String response = rawPost(SMS + "?a=%zz", form);

    assertThat(response).startsWith("HTTP/1.1 403 ")
        .containsIgnoringCase("Content-Type: application/problem+json")
        .contains("does not match the request");
  }

  @Test
  void aMissingBodyIsRefusedNamingIt() {
    Map<String, String> text = WebhookClient.inboundSms(newPhone(), "x");
    text.remove("Body");

    assertProblem(client.twilio(SMS, text), 400, "Body", "Body is missing");
  }

  @Test
  void aMissingCallSidIsRefusedNamingIt() {
    Map<String, String> call = WebhookClient.inboundCall(newPhone());
    call.remove("CallSid");

    assertProblem(client.twilio(VOICE, call), 400, "CallSid", "CallSid is missing");
  }

  @Test
  void aFormOver64KiBIsRefusedAsTooLarge() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> text = WebhookClient.inboundSms(phone, "STOP");
    text.put("Padding", "x".repeat(70 * 1024));

    assertProblem(client.twilio(SMS, text), 413, "body", "larger than 65536 bytes");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aBrokenFormIsRefused() {
    String phone = newPhone();
    String body = "From=" + phone + "&Body=%E0%A4%A&MessageSid=SM1";
    assertProblem(client.post(SMS, "application/x-www-form-urlencoded", body.getBytes(), Map.of("X-Twilio-Signature",
        "x")), 400, "body", "not form-encoded");
  }
  /** POSTs a signed-looking form over a plain socket and answers the whole response. */
  private String rawPost(String pathAndQuery, String form) {
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: x\r\n"
        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket("localhost", port)) {
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- hardening found by black-box probes (issue 12) ---

  @Test
  void aRepeatedParameterIsRefusedEvenWhenSignedOverBothAndChangesNothing() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    String sid = "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
    String form = "MessageSid=" + sid + "&From=" + java.net.URLEncoder.encode(phone, java.nio.charset.StandardCharsets.UTF_8)
        + "&Body=STOP&Body=hello";
    java.util.Map<String, java.util.List<String>> signed = new java.util.LinkedHashMap<>();
    signed.put("MessageSid", java.util.List.of(sid));
    signed.put("From", java.util.List.of(phone));
    signed.put("Body", java.util.List.of("STOP", "hello"));

    HttpResponse<String> response = client.twilioRaw(SMS, form, signed);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("Body").contains("2 times");
    assertThat(record(contactId).entries()).isEmpty();
    assertThat(events.find(Source.TWILIO, "sms:" + sid)).isEmpty();
  }

  @Test
  void aFullWidthStopIsAnOptOut() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);

    HttpResponse<String> response = client.twilio(SMS, WebhookClient.inboundSms(phone, "\uFF33\uFF34\uFF2F\uFF30"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(record(contactId).isBlocked(org.dndguard.contact.Channel.SMS)).isTrue();
  }

  @Test
  void aNulInATextNeverFailsTheEvent() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    ProcessInstance waiting = runtimeService.startProcessInstanceByKey(MODEL, Map.of("contactId", contactId));

    HttpResponse<String> stop = client.twilio(SMS, WebhookClient.inboundSms(phone, "STOP\u0000"));
    HttpResponse<String> text = client.twilio(SMS, WebhookClient.inboundSms(phone, "see you\u0000 at 3"));
    deliveries.deliverPending();

    assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
    assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
    assertThat(record(contactId).isBlocked(org.dndguard.contact.Channel.SMS)).isTrue();
    assertThat(waiting).isWaitingAt("readReply").variables().containsEntry("body", "see you\uFFFD at 3");
  }

  @Test
  void aStopFromASenderThatIsNoPhoneNumberIsKeptForTheRawAddressAndAudited() {
    String sender = "12-not-a-number-" + (System.nanoTime() % 100000);
    Map<String, String> stop = WebhookClient.inboundSms(phoneOrRaw(sender), "STOP");

    HttpResponse<String> response = client.twilio(SMS, stop);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(events.find(Source.TWILIO, "sms:" + stop.get("MessageSid"))).get().satisfies(event -> {
      assertThat(event.outcome()).isEqualTo(ProviderOutcome.DND_SET);
      assertThat(event.address()).isEqualTo(sender);
    });
    assertThat(audit.addressHistory(org.dndguard.contact.AddressKind.PHONE, sender, 0, 10)).anySatisfy(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.SET);
      assertThat(row.reason()).isEqualTo(org.dndguard.contact.DndReason.SMS_OPT_OUT);
    });
    // any other text from such a sender is still refused, naming the field
    HttpResponse<String> hello = client.twilio(SMS, WebhookClient.inboundSms(phoneOrRaw(sender), "hello"));
    assertThat(hello.statusCode()).isEqualTo(400);
    assertThat(hello.body()).contains("From");
  }

  private static String phoneOrRaw(String raw) {
    return raw;
  }
}
