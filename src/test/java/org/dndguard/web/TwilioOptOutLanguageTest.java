package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.SmsKeyword;
import org.dndguard.provider.internal.ProviderEventLog;
import org.dndguard.provider.internal.ProviderOutcome;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.store.AuditAction;
import org.dndguard.contact.Source;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Opt-outs in the words people use, through {@code POST /webhooks/twilio/sms} over real HTTP with the
 * real engine behind (issue 20): SMS DND with evidence naming the match, one confirmation in the
 * sender's language, nothing more for a redelivery, CALL untouched while revoke-all is off, and an
 * ordinary sentence still handed to the workflows.
 */
class TwilioOptOutLanguageTest extends WebhookHttpTestSupport {

  private static final String SMS = TwilioWebhooks.SMS_PATH;
  private static final String MODEL = "InboundSms-waitForReply";
  private static final String SPANISH =
      "Has cancelado tu suscripción y no recibirás más mensajes. Responde START para volver a suscribirte.";
  private static final String FRENCH =
      "Vous êtes désabonné et ne recevrez plus de messages. Répondez START pour vous réabonner.";

  @Autowired
  ProcessEngine processEngine;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  ProviderEventLog events;

  @BeforeEach
  void deployModel() {
    BpmnAwareTests.init(processEngine);
    processEngine.getRepositoryService().createDeployment().name(MODEL)
        .addClasspathResource("org/dndguard/web/" + MODEL + ".bpmn").enableDuplicateFiltering(true).deploy();
  }

  static Stream<Arguments> optOuts() {
    return Stream.of(
        Arguments.of("opt out", "OPT OUT", "en", SmsKeyword.Rule.EXACT_KEYWORD, null),
        Arguments.of("Please stop texting me", "please stop", "en", SmsKeyword.Rule.RULE_WORD, null),
        Arguments.of("ALTO", "ALTO", "es", SmsKeyword.Rule.EXACT_KEYWORD, SPANISH),
        Arguments.of("ARRÊT", "ARRÊT", "fr", SmsKeyword.Rule.EXACT_KEYWORD, FRENCH),
        Arguments.of("no más", "NO MÁS", "es", SmsKeyword.Rule.EXACT_KEYWORD, SPANISH),
        Arguments.of("Déjenme en paz, por favor", "déjenme en paz", "es", SmsKeyword.Rule.PHRASE_LIST, SPANISH));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("optOuts")
  void anOptOutSetsSmsDndWithEvidenceNamingTheMatchAndIsConfirmedOnceInItsLanguage(String body, String match,
      String language, SmsKeyword.Rule rule, String reply) {
    // given
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> text = WebhookClient.inboundSms(phone, body);
    String confirmation = reply == null ? properties.webhooks().twilio().optOutReply() : reply;

    // when: Twilio delivers the text, then delivers it again (same MessageSid)
    HttpResponse<String> first = client.twilio(SMS, text);
    HttpResponse<String> again = client.twilio(SMS, text);

    // then: one confirmation, in the sender's language
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
        + confirmation + "</Message></Response>");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
    assertThat(events.find(Source.TWILIO, "sms:" + text.get("MessageSid"))).get()
        .extracting(ProviderEventLog.ProviderEvent::outcome).isEqualTo(ProviderOutcome.DND_SET);

    // and SMS DND is set once, with the whole text, the match, its language and the rule on the trail
    assertThat(record(contactId).entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).get()
        .satisfies(entry -> assertThat(entry.evidence().reply().text()).isEqualTo(body));
    assertThat(trail(contactId)).filteredOn(r -> r.action() == AuditAction.SET).singleElement().satisfies(row -> {
      assertThat(row.target()).isEqualTo(DndTarget.SMS);
      assertThat(row.reason()).isEqualTo(DndReason.SMS_OPT_OUT);
      assertThat(row.evidence().keyword()).isEqualTo(match);
      assertThat(row.evidence().reply().text()).isEqualTo(body);
      assertThat(row.evidence().reply().language()).isEqualTo(language);
      assertThat(row.evidence().reply().rule()).isEqualTo(rule);
      assertThat(row.evidence().providerEventId()).isEqualTo(text.get("MessageSid"));
      assertThat(row.evidence().note()).contains(match).contains(rule.name());
    });
    // revoke-all is off by default: calls are not touched
    assertThat(record(contactId).entries(DndTarget.CALL)).isEmpty();
  }

  @Test
  void theHistoryApiShowsTheReplyTheMatchTheLanguageAndTheRule() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    client.twilio(SMS, WebhookClient.inboundSms(phone, "Please stop texting me"));

    JsonNode set = ApiHttp.demo(port).get("/api/contacts/" + contactId + "/dnd/history").json().path("items").get(0);

    assertThat(set.path("action").asText()).isEqualTo("SET");
    assertThat(set.path("evidence").path("keyword").asText()).isEqualTo("please stop");
    assertThat(set.path("evidence").path("reply").path("text").asText()).isEqualTo("Please stop texting me");
    assertThat(set.path("evidence").path("reply").path("language").asText()).isEqualTo("en");
    assertThat(set.path("evidence").path("reply").path("rule").asText()).isEqualTo("RULE_WORD");
    assertThat(ApiHttp.demo(port).get("/api/contacts/" + contactId + "/dnd").body())
        .contains("the opt-out phrase \\\"please stop\\\"");
  }

  @Test
  void aLongOptOutFullOfQuotesIsKeptWholeAndStillHonoured() {
    // a reply near Twilio's 1,600 characters whose JSON doubles in length: kept whole, and no job limit fails it
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    String body = "Please stop texting me " + "\"\\".repeat(780);

    HttpResponse<String> response = client.twilio(SMS, WebhookClient.inboundSms(phone, body));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(record(contactId).entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).get()
        .satisfies(entry -> assertThat(entry.evidence().reply().text()).isEqualTo(body));
  }

  @Test
  void anOrdinarySentenceIsHandedToTheWorkflowsAsBefore() {
    // given
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    ProcessInstance waiting = runtimeService.startProcessInstanceByKey(MODEL, Map.of("contactId", contactId));

    // when
    HttpResponse<String> response = client.twilio(SMS, WebhookClient.inboundSms(phone, "see you at the end of the week"));
    deliveries.deliverPending();

    // then
    assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
    assertThat(waiting).isWaitingAt("readReply").variables()
        .containsEntry("from", phone).containsEntry("body", "see you at the end of the week");
    assertThat(record(contactId).entries()).isEmpty();
  }

  @Test
  void aWordOnlyTwilioKnowsIsKeptAsTwiliosClassification() {
    // Advanced Opt-Out in a language DND Guard has no list for: Twilio has answered it itself
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    Map<String, String> text = WebhookClient.inboundSms(phone, "BEENDEN");
    text.put("OptOutType", "STOP");

    HttpResponse<String> response = client.twilio(SMS, text);

    assertThat(response.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
    assertThat(record(contactId).entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).get().satisfies(entry -> {
      assertThat(entry.evidence().keyword()).isEqualTo("STOP");
      assertThat(entry.evidence().reply().text()).isEqualTo("BEENDEN");
      assertThat(entry.evidence().reply().rule()).isEqualTo(SmsKeyword.Rule.PROVIDER);
      assertThat(entry.evidence().reply().language()).isNull();
    });
  }

  @Test
  void aSpanishPhraseOnWhatsAppSetsWhatsAppDndAndIsConfirmedInSpanish() {
    String number = newPhone();
    String contactId = "c-" + java.util.UUID.randomUUID();
    contacts.register(contactId, new org.dndguard.contact.ContactAddresses(number, null, "whatsapp:" + number, null,
        null), org.dndguard.contact.Evidence.user("test", java.time.Instant.now()));

    HttpResponse<String> stop = client.twilio(SMS,
        WebhookClient.inboundSms("whatsapp:" + number, "Dejen de enviarme mensajes"));

    assertThat(stop.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + SPANISH
        + "</Message></Response>");
    assertThat(record(contactId).entry(DndTarget.WHATSAPP, DndReason.WHATSAPP_OPT_OUT)).get().satisfies(entry -> {
      assertThat(entry.evidence().keyword()).isEqualTo("dejen de enviarme");
      assertThat(entry.evidence().reply().rule()).isEqualTo(SmsKeyword.Rule.RULE_WORD);
    });
    assertThat(record(contactId).entries(DndTarget.SMS)).isEmpty();
  }

  @Test
  void startLiftsAPhraseOptOutAndIsAnsweredInEnglish() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    client.twilio(SMS, WebhookClient.inboundSms(phone, "no me escriban"));

    HttpResponse<String> start = client.twilio(SMS, WebhookClient.inboundSms(phone, "START"));

    assertThat(start.body()).contains("<Message>" + properties.webhooks().twilio().optInReply() + "</Message>");
    assertThat(record(contactId).entries()).isEmpty();
  }
}
