package org.dndguard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.messaging.OutboxWorker;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A host that configured Twilio and nothing else, without log-only: e-mail has no provider, so it
 * is refused (422 on the API, an incident on a workflow step) and never pretended sent; a Twilio
 * answer that may have sent a text ends UNKNOWN, visible through the API, and an operator can send
 * it again, with DND checked again and the resend audited.
 */
@ReferenceAppContext(properties = {
    "spring.datasource.url=jdbc:h2:mem:dnd-messaging-host;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "dnd.messaging.dispatch.log-only=false",
    "dnd.messaging.twilio.account-sid=AC0123",
    "dnd.messaging.twilio.auth-token=twilio-token",
    "dnd.messaging.twilio.from=+15005550006"})
class MessagingHostTest {

  private static final WireMockServer TWILIO = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  static {
    TWILIO.start();
  }

  @DynamicPropertySource
  static void twilio(DynamicPropertyRegistry registry) {
    registry.add("dnd.messaging.twilio.base-url", TWILIO::baseUrl);
  }

  @AfterAll
  static void stopTwilio() {
    TWILIO.stop();
  }

  @Autowired
  private TestRestTemplate anonymous;
  @Autowired
  private ContactService contacts;
  @Autowired
  private DndService dnd;
  @Autowired
  private OutboxWorker worker;
  @Autowired
  private RepositoryService repositoryService;
  @Autowired
  private RuntimeService runtimeService;
  @Autowired
  private ManagementService managementService;
  @Autowired
  private IdentityService identityService;

  @BeforeEach
  void resetTwilio() {
    TWILIO.resetAll();
  }

  private TestRestTemplate rest() {
    return anonymous.withBasicAuth("demo", "demo");
  }

  @Test
  void aMessageOnAChannelWithoutProviderIs422NamingThePropertyAndNothingIsQueued() {
    String ann = contact(new ContactAddresses(null, "ann@example.com", null, null, null));

    ResponseEntity<JsonNode> response = rest().postForEntity("/api/contacts/{id}/messages",
        Map.of("channel", "EMAIL", "subject", "Your invoice", "body", "Hello"), JsonNode.class, ann);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = response.getBody();
    assertThat(problem.get("type").asText()).isEqualTo("urn:dndguard:problem:no-provider");
    assertThat(problem.get("title").asText()).isEqualTo("No provider for the channel");
    assertThat(problem.get("detail").asText()).isEqualTo("No provider sends EMAIL messages: set"
        + " dnd.messaging.mailgun.api-key (with domain and from) to send e-mail through Mailgun, or set"
        + " dnd.messaging.dispatch.log-only=true to only log them (status LOGGED, never sent)");
    assertThat(problem.get("property").asText()).isEqualTo("dnd.messaging.mailgun.api-key");
    assertThat(problem.get("channel").asText()).isEqualTo("EMAIL");
    worker.dispatchDue();
    assertThat(rest().getForObject("/api/contacts/{id}/messages", JsonNode.class, ann)).isEmpty();
  }

  @Test
  void aWorkflowStepOnAChannelWithoutProviderBecomesAnIncidentWithTheSameWords() {
    String ann = contact(new ContactAddresses(null, "ann@example.com", null, null, null));
    String key = "no-provider-" + UUID.randomUUID().toString().substring(0, 8);
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("sendInvoice").camundaAsyncBefore().camundaDelegateExpression("${sendEmail}")
        .camundaInputParameter("subject", "Your invoice").camundaInputParameter("body", "Hello Ann")
        .endEvent().done();
    repositoryService.createDeployment().addModelInstance(key + ".bpmn", model).deploy();
    String instance = runtimeService.startProcessInstanceByKey(key, Map.of("contactId", ann)).getId();

    Job job = managementService.createJobQuery().processInstanceId(instance).singleResult();
    managementService.setJobRetries(job.getId(), 1);
    try {
      managementService.executeJob(job.getId());
    } catch (RuntimeException expected) {
      // the step failed; the engine records the incident
    }

    Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance).singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getActivityId()).isEqualTo("sendInvoice");
    assertThat(incident.getIncidentMessage()).isEqualTo("Step 'sendInvoice' of process instance " + instance
        + " could not queue its EMAIL message for contact " + ann + ": No provider sends EMAIL messages: set"
        + " dnd.messaging.mailgun.api-key (with domain and from) to send e-mail through Mailgun, or set"
        + " dnd.messaging.dispatch.log-only=true to only log them (status LOGGED, never sent)");
    worker.dispatchDue();
    assertThat(rest().getForObject("/api/contacts/{id}/messages", JsonNode.class, ann)).isEmpty();
  }

  @Test
  void anUnknownMessageIsShownAndAnOperatorResendsItOnceWithDndCheckedAndAudited() {
    String phone = newPhone();
    String ann = contact(new ContactAddresses(phone, null, null, null, null));
    TWILIO.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages.json"))
        .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
    long id = rest().postForEntity("/api/contacts/{id}/messages", Map.of("channel", "SMS", "body", "Table ready"),
        JsonNode.class, ann).getBody().get("id").asLong();

    worker.dispatchDue();
    worker.dispatchDue();

    JsonNode unknown = rest().getForObject("/api/contacts/{id}/messages?status=UNKNOWN", JsonNode.class, ann);
    assertThat(unknown).hasSize(1);
    assertThat(unknown.get(0).get("id").asLong()).isEqualTo(id);
    assertThat(unknown.get(0).get("detail").asText()).isEqualTo("Twilio answered HTTP 502: Bad Gateway; the message"
        + " may have been sent, so it is not sent again");
    TWILIO.verify(1, anyRequestedFor(anyUrl()));

    // a reader may look but not resend
    String reader = CamundaUsers.create(identityService, "dndReaders");
    ResponseEntity<JsonNode> forbidden = resend(anonymous.withBasicAuth(reader, CamundaUsers.password(reader)), id);
    assertThat(forbidden.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    TWILIO.resetAll();
    TWILIO.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages.json")).willReturn(aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"sid\": \"SM-again\"}")));
    ResponseEntity<JsonNode> resent = resend(rest(), id);

    assertThat(resent.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    long copy = resent.getBody().get("id").asLong();
    assertThat(copy).isNotEqualTo(id);
    assertThat(resent.getHeaders().getLocation()).hasToString("/api/messages/" + copy);
    assertThat(resent.getBody().get("status").asText()).isEqualTo("PENDING");
    assertThat(resent.getBody().get("actor").asText()).isEqualTo("demo");
    assertThat(resent.getBody().get("body").asText()).isEqualTo("Table ready\nReply STOP to unsubscribe.");
    worker.dispatchDue();
    assertThat(rest().getForObject("/api/messages/{id}", JsonNode.class, copy).get("status").asText())
        .isEqualTo("SENT");
    assertThat(rest().getForObject("/api/messages/{id}", JsonNode.class, id).get("status").asText())
        .isEqualTo("UNKNOWN");
    TWILIO.verify(1, anyRequestedFor(anyUrl()));
    JsonNode audit = rest().getForObject("/api/contacts/{id}/dnd/history", JsonNode.class, ann).path("items").get(0);
    assertThat(audit.path("action").asText()).isEqualTo("MESSAGE_RESENT");
    assertThat(audit.path("message").asText()).isEqualTo("Message " + id + " (UNKNOWN, SMS) sent again as message "
        + copy + " by demo; DND checked: the channel is not in DND");
    assertThat(audit.path("evidence").path("actor").asText()).isEqualTo("demo");
    assertThat(audit.path("evidence").path("messageId").asText()).isEqualTo(String.valueOf(id));

    // a SENT message is done
    ResponseEntity<JsonNode> done = resend(rest(), copy);
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(done.getBody().get("type").asText()).isEqualTo("urn:dndguard:problem:message-not-resendable");
    // the problem's own status stays the HTTP status; the message's is a member of its own
    assertThat(done.getBody().get("status").asInt()).isEqualTo(409);
    assertThat(done.getBody().get("messageStatus").asText()).isEqualTo("SENT");
    assertThat(done.getBody().get("detail").asText()).isEqualTo("Message " + copy + " is SENT; only UNKNOWN and"
        + " FAILED messages can be sent again (a SENT, LOGGED or BLOCKED one is done, a PENDING one is still due)");

    // DND is checked again: once the contact is in DND, the resend is refused and nothing is queued
    dnd.set(ann, DndTarget.SMS, Evidence.user("ops", "asked us to stop", Instant.now()));
    ResponseEntity<JsonNode> inDnd = resend(rest(), id);
    assertThat(inDnd.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(inDnd.getBody().get("type").asText()).isEqualTo("urn:dndguard:problem:channel-in-dnd");
    assertThat(rest().getForObject("/api/contacts/{id}/messages", JsonNode.class, ann)).hasSize(2);
    assertThat(resend(rest(), 987_654_321L)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  /** The API takes a POST only with a JSON content type (a CSRF defence), even without a body. */
  private static ResponseEntity<JsonNode> resend(TestRestTemplate client, long id) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return client.postForEntity("/api/messages/{id}/resend", new HttpEntity<>(null, headers), JsonNode.class, id);
  }

  private String contact(ContactAddresses addresses) {
    String id = "host-" + UUID.randomUUID();
    contacts.register(id, addresses, Evidence.user("test", Instant.now()));
    return id;
  }

  private static String newPhone() {
    return "+1415" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
  }
}
