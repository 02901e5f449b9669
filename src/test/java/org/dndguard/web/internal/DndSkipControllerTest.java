package org.dndguard.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.internal.GuardMetrics;
import org.dndguard.engine.SkipRecords;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The reference application with DND Guard auto-configured on a Spring-managed engine: the skip
 * endpoint, the counter, the sample models and the skip record in the step's Spring transaction.
 */
@ReferenceAppContext
class DndSkipControllerTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  ProcessEngine processEngine;
  @Autowired
  ContactService contacts;
  @Autowired
  DndService dnd;
  @Autowired
  SkipRecords skipRecords;
  @Autowired
  MeterRegistry meterRegistry;

  private String contact;

  @BeforeEach
  void deployWelcomeAndRegisterAContact() {
    processEngine.getRepositoryService().createDeployment().name("dnd-skip-controller-test").enableDuplicateFiltering(true)
        .addClasspathResource("org/dndguard/test/welcome.bpmn").deploy();
    contact = "c-" + UUID.randomUUID();
    contacts.register(contact, ContactAddresses.none(), Evidence.user("test", Instant.now()));
  }

  @Test
  void theSkipsOfAnInstanceAreListed() {
    dnd.set(contact, DndTarget.SMS, Evidence.user("test", Instant.now()));
    ProcessInstance instance = start();

    ResponseEntity<JsonNode> response = authenticated().getForEntity(skipsOf(instance.getId()), JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode skip = response.getBody().get(0);
    assertThat(response.getBody()).hasSize(1);
    assertThat(skip.get("activityId").asText()).isEqualTo("sendWelcomeSms");
    assertThat(skip.get("channel").asText()).isEqualTo("SMS");
    assertThat(skip.get("contactId").asText()).isEqualTo(contact);
    assertThat(skip.get("outcome").asText()).isEqualTo("SKIPPED");
    assertThat(skip.get("reason").asText()).isEqualTo("MANUAL");
    assertThat(Instant.parse(skip.get("recordedAt").asText())).isBefore(Instant.now().plusSeconds(1));
  }

  @Test
  void anInstanceWithoutSkipsHasAnEmptyList() {
    ProcessInstance instance = start();

    ResponseEntity<JsonNode> response = authenticated().getForEntity(skipsOf(instance.getId()), JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).isEmpty();
  }

  @Test
  void anUnknownInstanceIsAProblem() {
    ResponseEntity<JsonNode> response = authenticated().getForEntity(skipsOf("no-such-instance"), JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody().get("status").asInt()).isEqualTo(404);
    assertThat(response.getBody().get("type").asText()).isEqualTo("urn:dndguard:problem:process-instance-not-found");
    assertThat(response.getBody().get("title").asText()).isEqualTo("Process instance not found");
    assertThat(response.getBody().get("detail").asText()).contains("no process instance 'no-such-instance'");
  }

  @Test
  void theSkipsNeedALogin() {
    assertThat(rest.getForEntity(skipsOf("any"), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void guardedStepsAreCountedByChannelAndOutcome() {
    double skippedBefore = count("SMS", "skipped");
    double ranBefore = count("EMAIL", "ran");
    dnd.set(contact, DndTarget.SMS, Evidence.user("test", Instant.now()));

    start();

    assertThat(count("SMS", "skipped")).isEqualTo(skippedBefore + 1);
    assertThat(count("EMAIL", "ran")).isEqualTo(ranBefore + 1);
  }

  @Test
  void aSkipRecordRollsBackWithItsSpringTransaction() {
    // the second step fails (an unknown contact for e-mail), after the first was skipped in the same transaction
    dnd.set(contact, DndTarget.SMS, Evidence.user("test", Instant.now()));
    processEngine.getRepositoryService().createDeployment().name("dnd-skip-controller-test").enableDuplicateFiltering(true)
        .addClasspathResource("org/dndguard/web/skipThenFail.bpmn").deploy();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> processEngine.getRuntimeService()
        .startProcessInstanceByKey("skipThenFail", Map.of("contactId", contact)));

    assertThat(skipRecords.query().contactId(contact).count()).isZero();
  }

  @Test
  void theSampleModelsAreDeployed() {
    assertThat(processEngine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKeyIn("nurture-campaign", "channel-fallback").latestVersion().count()).isEqualTo(2);
  }

  private ProcessInstance start() {
    return processEngine.getRuntimeService().startProcessInstanceByKey("welcome", Map.of("contactId", contact));
  }

  private double count(String channel, String outcome) {
    var counter = meterRegistry.find(GuardMetrics.STEPS).tag("channel", channel).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private TestRestTemplate authenticated() {
    return rest.withBasicAuth("demo", "demo");
  }

  private static String skipsOf(String processInstanceId) {
    return "/api/process-instances/" + processInstanceId + "/dnd-skips";
  }
}
