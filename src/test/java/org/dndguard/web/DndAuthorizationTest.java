package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.store.AuditAction;
import org.dndguard.store.internal.AuditTrail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Camunda groups decide what a user may do with DND Guard: readers read, operators change DND,
 * removal of workflows is a permission of its own; {@code camunda-admin} may do everything.
 */
class DndAuthorizationTest extends ReferenceAppApiTest {

  @Autowired IdentityService identityService;
  @Autowired AuditTrail auditTrail;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired DndAuthorization authorization;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  final List<String> users = new ArrayList<>();
  String contactId;
  String contact;

  @BeforeEach
  void setUp() {
    contactId = newContactId();
    register(contactId, new ContactAddresses("+14155550100", "ann@example.com", null, null, null));
    contact = "/api/contacts/" + contactId;
  }

  @AfterEach
  void deleteUsers() {
    users.forEach(identityService::deleteUser);
  }

  @Test
  void aReaderReadsButGets403OnEveryChangeOfTheApiAndNothingChanges() {
    // given
    ApiHttp reader = as(user("dndReaders"));
    assertThat(reader.get(contact + "/dnd").status()).isEqualTo(200);
    assertThat(reader.get(contact + "/dnd/history").status()).isEqualTo(200);
    assertThat(reader.get(contact + "/messages").status()).isEqualTo(200);
    long auditRows = auditTrail.count(contactId);

    // when: every state-changing endpoint DND Guard maps, whatever issue added it
    List<String> changes = changingEndpoints();
    assertThat(changes).as("the API's changing endpoints").hasSizeGreaterThanOrEqualTo(7);
    for (String change : changes) {
      String[] methodAndPath = change.split(" ", 2);
      ApiHttp.Response response = reader.send(methodAndPath[0], methodAndPath[1], "{}", "application/json");

      // then
      JsonNode problem = assertProblem(response, 403, "urn:dndguard:problem:permission-missing");
      assertThat(problem.path("permission").asText()).as(change).isIn("CHANGE", "REMOVE_WORKFLOWS");
      assertThat(problem.path("detail").asText()).as(change).contains(problem.path("permission").asText());
    }
    assertThat(auditTrail.count(contactId)).as("no change, no refusal audited by the rules").isEqualTo(auditRows);
    assertThat(http.get(contact + "/dnd").json().path("status").asText()).isEqualTo("OFF");
  }

  @Test
  void anOperatorChangesDndAndTheAuditNamesThemButMayNotRemoveWorkflows() {
    // given
    String operator = user("dndOperators");
    ProcessInstance running = startWorkflow();

    // when
    ApiHttp.Response set = as(operator).put(contact + "/dnd/channels/SMS", "{\"note\": \"asked by phone\"}");
    ApiHttp.Response removal = as(operator).post(contact + "/workflow-removal", null);

    // then
    assertThat(set.status()).as("%s", set).isEqualTo(200);
    JsonNode latest = http.get(contact + "/dnd/history").json().path("items").get(0);
    assertThat(latest.path("action").asText()).isEqualTo("SET");
    assertThat(latest.path("evidence").path("actor").asText()).isEqualTo(operator);
    JsonNode refused = assertProblem(removal, 403, "urn:dndguard:problem:permission-missing");
    assertThat(refused.path("permission").asText()).isEqualTo("REMOVE_WORKFLOWS");
    assertThat(refused.path("user").asText()).isEqualTo(operator);
    assertThat(refused.path("grantingGroups")).extracting(JsonNode::asText)
        .containsExactly("camunda-admin", "dndWorkflowRemovers");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(running.getId()).count())
        .as("still running").isEqualTo(1);
  }

  @Test
  void anOperatorGrantedRemovalRemovesWorkflowsAndTheAuditNamesThem() {
    // given
    String operator = user("dndOperators", "dndWorkflowRemovers");
    ProcessInstance running = startWorkflow();

    // when
    ApiHttp.Response removal = as(operator).post(contact + "/workflow-removal", null);

    // then
    assertThat(removal.status()).as("%s", removal).isEqualTo(200);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(running.getId()).count()).isZero();
    assertThat(auditTrail.history(contactId, 0, 10)).filteredOn(r -> r.action() == AuditAction.WORKFLOW_REMOVAL)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.evidence().actor()).isEqualTo(operator));
  }

  @Test
  void aRemoverWhoIsNoOperatorReadsAndRemovesButMayNotChangeDnd() {
    String remover = user("dndWorkflowRemovers");

    assertThat(authorization.permissionsOf(remover))
        .containsExactlyInAnyOrder(DndPermission.READ, DndPermission.REMOVE_WORKFLOWS);
    assertThat(as(remover).get(contact + "/dnd").status()).isEqualTo(200);
    assertThat(assertProblem(as(remover).put(contact + "/dnd/channels/SMS", null), 403,
        "urn:dndguard:problem:permission-missing").path("permission").asText()).isEqualTo("CHANGE");
  }

  @Test
  void camundaAdminsMayDoEverythingAndAUserInNoGroupNothing() {
    assertThat(authorization.permissionsOf("demo")).containsExactlyInAnyOrder(DndPermission.values());
    assertThat(authorization.permissionsOf(user())).isEmpty();
    assertThat(authorization.permissionsOf(null)).isEmpty();
    assertThat(authorization.permissionsOf("no-such-user")).isEmpty();
  }

  @Test
  void requireNamesTheMissingPermissionAndTheGroupsThatGrantIt() {
    String reader = user("dndReaders");

    authorization.require(reader, DndPermission.READ);
    DndAccessDeniedException denied = org.junit.jupiter.api.Assertions.assertThrows(DndAccessDeniedException.class,
        () -> authorization.require(reader, DndPermission.CHANGE));

    assertThat(denied.permission()).isEqualTo(DndPermission.CHANGE);
    assertThat(denied.userId()).isEqualTo(reader);
    assertThat(denied.getStatusCode().value()).isEqualTo(403);
    assertThat(denied.getMessage()).contains(reader, "CHANGE", "camunda-admin, dndOperators");
  }

  /** Every DND Guard API endpoint that changes something, as "METHOD /path" with its variables filled in. */
  private List<String> changingEndpoints() {
    List<String> endpoints = new ArrayList<>();
    mappings.getHandlerMethods().forEach((info, method) -> {
      if (!method.getBeanType().getName().startsWith("org.dndguard.web.")) {
        return;
      }
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api/")) {
          continue;
        }
        for (RequestMethod requestMethod : info.getMethodsCondition().getMethods()) {
          if (requestMethod != RequestMethod.GET && requestMethod != RequestMethod.HEAD) {
            endpoints.add(requestMethod + " " + fill(pattern));
          }
        }
      }
    });
    return endpoints;
  }

  private String fill(String pattern) {
    Map<String, String> values = Map.of("{id}", contactId, "{contactId}", contactId, "{channel}", "SMS");
    String path = pattern;
    for (Map.Entry<String, String> value : values.entrySet()) {
      path = path.replace(value.getKey(), value.getValue());
    }
    return path.replaceAll("\\{[^}]+}", "x");
  }

  private ProcessInstance startWorkflow() {
    repositoryService.createDeployment().name("dnd-guard-authorization-test")
        .addClasspathResource("org/dndguard/workflow/contact-waits.bpmn")
        .enableDuplicateFiltering(true)
        .deploy();
    return runtimeService.startProcessInstanceByKey("contact-waits", Map.of("contactId", contactId));
  }

  private String user(String... groups) {
    String id = CamundaUsers.create(identityService, groups);
    users.add(id);
    return id;
  }

  private ApiHttp as(String user) {
    return http.as(user, CamundaUsers.password(user));
  }
}
