package org.dndguard.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code POST /api/contacts/{id}/workflow-removal} over HTTP, with Camunda's demo user. */
@ReferenceAppContext
class WorkflowRemovalControllerTest {

  private static final String PATH = "/api/contacts/{id}/workflow-removal";

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired AuditTrail auditTrail;
  @Autowired ContactService contacts;

  String contactId;

  @BeforeEach
  void contact() {
    contactId = "api-" + UUID.randomUUID();
    contacts.register(contactId, ContactAddresses.none(), Evidence.user("test", Instant.now()));
    repositoryService.createDeployment().name("dnd-guard-workflow-api-test")
        .addClasspathResource("org/dndguard/workflow/contact-waits.bpmn")
        .addClasspathResource("org/dndguard/workflow/contact-waits-for-a-reply.bpmn")
        .addClasspathResource("org/dndguard/workflow/contact-campaign-waits-for-replies.bpmn")
        .enableDuplicateFiltering(true)
        .deploy();
  }

  @Test
  void removesTheContactAndAnswersWhatItRemoved() throws Exception {
    ProcessInstance first = start();
    ProcessInstance second = start();

    ResponseEntity<String> response = asDemo().postForEntity(PATH, noBody(), String.class, contactId);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.get("contactId").asText()).isEqualTo(contactId);
    assertThat(body.get("removed").asInt()).isEqualTo(2);
    assertThat(body.get("processInstanceIds")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(first.getId(), second.getId());
    assertThat(body.has("batchId")).isFalse();
    assertThat(deleteReason(first)).isEqualTo("DND Guard: removed from all workflows by demo through the DND Guard API");
    assertThat(removals()).hasSize(2).allSatisfy(row -> assertThat(row.evidence().actor()).isEqualTo("demo"));
  }

  @Test
  void theCallersReasonBecomesTheDeleteReason() {
    ProcessInstance instance = start();

    ResponseEntity<String> response = asDemo().postForEntity(PATH,
        jsonBody("{\"reason\": \"asked by phone to stop all contact\"}"), String.class, contactId);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deleteReason(instance)).isEqualTo(
        "asked by phone to stop all contact (DND Guard: removed from all workflows by demo through the DND Guard API)");
    assertThat(removals()).singleElement().satisfies(row ->
        assertThat(row.evidence().note()).isEqualTo("asked by phone to stop all contact"));
  }

  @Test
  void aContactWithNoWorkflowsAnswersZero() throws Exception {
    ResponseEntity<String> response = asDemo().postForEntity(PATH, noBody(), String.class, contactId);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(response.getBody()).get("removed").asInt()).isZero();
    assertThat(removals()).isEmpty();
  }

  @Test
  void moreWorkflowsThanTheThresholdRunAsABatch() throws Exception {
    // a campaign that called a workflow for this contact 101 times: one more than the default threshold
    ProcessInstance campaign = runtimeService.startProcessInstanceByKey("contact-campaign-waits-for-replies",
        Map.of("contacts", Collections.nCopies(101, contactId)));
    String batchId = null;
    try {
      ResponseEntity<String> response = asDemo().postForEntity(PATH, noBody(), String.class, contactId);

      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
      JsonNode body = json.readTree(response.getBody());
      batchId = body.get("batchId").asText();
      assertThat(body.get("queued").asInt()).isEqualTo(101);
      assertThat(body.get("removed").asInt()).isZero();
      assertThat(managementService.createBatchQuery().batchId(batchId).singleResult().getTotalJobs()).isEqualTo(101);
    } finally {
      if (batchId != null) {
        managementService.deleteBatch(batchId, true);
      }
      runtimeService.deleteProcessInstance(campaign.getId(), "test cleanup", true);
    }
  }

  @Test
  void aReasonThatIsTooLongIsAProblemAndRemovesNothing() throws Exception {
    ProcessInstance instance = start();

    ResponseEntity<String> response = asDemo().postForEntity(PATH,
        jsonBody("{\"reason\": \"" + "x".repeat(501) + "\"}"), String.class, contactId);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(response.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("type").asText()).isEqualTo("urn:dndguard:problem:invalid-input");
    assertThat(problem.get("detail").asText()).isEqualTo("The reason is 501 characters long; at most 500 are allowed");
    assertThat(problem.get("field").asText()).isEqualTo("reason");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isOne();
  }

  @Test
  void anUnusableContactIdIsAProblem() throws Exception {
    ResponseEntity<String> response = asDemo().postForEntity(PATH, noBody(), String.class, "c".repeat(256));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(response.getBody());
    assertThat(problem.get("type").asText()).isEqualTo("urn:dndguard:problem:invalid-input");
    assertThat(problem.get("detail").asText()).isEqualTo("The contact id is 256 characters long; at most 255 are allowed");
    assertThat(problem.get("field").asText()).isEqualTo("contactId");
  }

  @Test
  void withoutLoginNothingIsRemoved() {
    ProcessInstance instance = start();

    ResponseEntity<String> response = http.postForEntity(PATH, noBody(), String.class, contactId);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isOne();
  }

  private TestRestTemplate asDemo() {
    return http.withBasicAuth("demo", "demo");
  }

  /** No body, but the JSON content type the API asks of every POST (a browser cannot send it cross-site unasked). */
  private static HttpEntity<String> noBody() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(headers);
  }

  private static HttpEntity<String> jsonBody(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private ProcessInstance start() {
    return runtimeService.startProcessInstanceByKey("contact-waits", Map.of("contactId", contactId));
  }

  private String deleteReason(ProcessInstance instance) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getDeleteReason();
  }

  private List<AuditRecord> removals() {
    return auditTrail.inOrder(contactId).stream().filter(r -> r.action() == AuditAction.WORKFLOW_REMOVAL).toList();
  }
}
