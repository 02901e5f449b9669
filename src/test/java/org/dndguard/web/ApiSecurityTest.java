package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.dndguard.contact.ContactAddresses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** /api and /engine-rest need HTTP Basic with a Camunda user; webhooks and health are open. */
class ApiSecurityTest extends ReferenceAppApiTest {

  @Autowired
  IdentityService identityService;

  String contact;

  @BeforeEach
  void setUp() {
    String id = newContactId();
    register(id, ContactAddresses.none());
    contact = "/api/contacts/" + id;
  }

  @Test
  void theApiWithoutCredentialsIs401WithABasicChallenge() {
    ApiHttp.Response response = http.anonymous().get(contact + "/dnd");

    JsonNode problem = assertProblem(response, 401, "urn:dndguard:problem:unauthorized");
    assertThat(response.header("WWW-Authenticate")).hasValue("Basic realm=\"DND Guard\", charset=\"UTF-8\"");
    assertThat(problem.path("detail").asText()).contains("HTTP Basic", "Camunda user");
    assertThat(problem.path("instance").asText()).isEqualTo(contact + "/dnd");
  }

  @Test
  void theEngineRestApiWithoutCredentialsIs401WithABasicChallenge() {
    ApiHttp.Response response = http.anonymous().get("/engine-rest/engine");

    assertProblem(response, 401, "urn:dndguard:problem:unauthorized");
    assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c).startsWith("Basic realm="));
  }

  @Test
  void withDemoBothApisAnswer200() {
    ApiHttp.Response api = http.get(contact + "/dnd");
    ApiHttp.Response engineRest = http.get("/engine-rest/engine");

    assertThat(api.status()).as("%s", api).isEqualTo(200);
    assertThat(engineRest.status()).as("%s", engineRest).isEqualTo(200);
    assertThat(engineRest.json().isArray()).isTrue();
    assertThat(api.header("Set-Cookie")).as("stateless: no session").isEmpty();
  }

  @Test
  void aWrongPasswordOrAnUnknownUserIs401WithoutSayingWhich() {
    // given: a user of its own, as Camunda locks a user out for a while after a wrong password
    String name = newUser("dndReaders");
    try {
      // when
      ApiHttp.Response wrongPassword = http.as(name, "not-the-password").get(contact);
      ApiHttp.Response unknownUser = http.as("nobody-" + UUID.randomUUID(), "pw").get(contact);
      ApiHttp.Response engineRest = http.as(name, "not-the-password").get("/engine-rest/engine");

      // then
      JsonNode problem = assertProblem(wrongPassword, 401, "urn:dndguard:problem:unauthorized");
      assertThat(problem.path("detail").asText()).startsWith("Unknown user or wrong password");
      assertThat(assertProblem(unknownUser, 401, "urn:dndguard:problem:unauthorized").path("detail")).isEqualTo(problem.path("detail"));
      assertThat(wrongPassword.header("WWW-Authenticate")).isPresent();
      assertProblem(engineRest, 401, "urn:dndguard:problem:unauthorized");
    } finally {
      identityService.deleteUser(name);
    }
  }

  @Test
  void anyCamundaUserCanLogInAndTheirGroupsDecideWhatTheyMayDo() {
    // given: users as Camunda Admin makes them; DND Guard has no users of its own
    String reader = newUser("dndReaders");
    String outsider = newUser();
    try {
      // when / then
      assertThat(http.as(reader, "pw-" + reader).get(contact).status()).isEqualTo(200);
      assertThat(http.as(reader, "pw-" + reader).get("/engine-rest/engine").status()).isEqualTo(200);
      JsonNode refused = assertProblem(http.as(outsider, "pw-" + outsider).get(contact), 403,
          "urn:dndguard:problem:permission-missing");
      assertThat(refused.path("permission").asText()).isEqualTo("READ");
    } finally {
      identityService.deleteUser(reader);
      identityService.deleteUser(outsider);
    }
    assertThat(http.as(reader, "pw-" + reader).get(contact).status()).as("a deleted user is out").isEqualTo(401);
  }

  @Test
  void anUnauthenticatedChangeChangesNothing() {
    ApiHttp.Response response = http.anonymous().put(contact + "/dnd/channels/ALL", null);

    assertProblem(response, 401, "urn:dndguard:problem:unauthorized");
    JsonNode record = http.get(contact + "/dnd").json();
    assertThat(record.path("status").asText()).isEqualTo("OFF");
    assertThat(http.get(contact + "/dnd/history").json().path("items").findValuesAsText("action"))
        .containsExactly("ADDRESSES_CHANGED");
  }

  @Test
  void aPostThatABrowserCouldSendCrossSiteIsRefusedAndChangesNothing() {
    // a form or a body-less POST from another web site carries the browser's cached Basic credentials
    // without a CORS preflight; JSON cannot be sent cross-site without one
    for (String contentType : new String[] {null, "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x"}) {
      ApiHttp.Response response = http.send("POST", contact + "/workflow-removal", contentType == null ? null : "",
          contentType);
      JsonNode problem = assertProblem(response, 415, "urn:dndguard:problem:unsupported-media-type");
      assertThat(problem.path("detail").asText()).as("%s", contentType).contains("Content-Type: application/json");
    }
    ApiHttp.Response message = http.send("POST", contact + "/messages", "channel=SMS&body=hi",
        "application/x-www-form-urlencoded");

    assertProblem(message, 415, "urn:dndguard:problem:unsupported-media-type");
    assertThat(http.get(contact + "/dnd/history").json().path("items").findValuesAsText("action"))
        .containsExactly("ADDRESSES_CHANGED");
    assertThat(http.get(contact + "/messages").json()).isEmpty();
  }

  @Test
  void webhooksAreOpenToTheNetwork() {
    // no credentials: the answer is the webhook path's own (404 here), not a login challenge
    ApiHttp.Response response = http.anonymous().post("/webhooks/no-such-provider", "{}");

    assertProblem(response, 404, "urn:dndguard:problem:not-found");
    assertThat(response.header("WWW-Authenticate")).isEmpty();
  }

  @Test
  void aWebhookWithAStrayAuthorizationHeaderIsJudgedByItsSignatureNotALogin() {
    // a gateway may add credentials that mean nothing to us: the webhook still answers for itself
    ApiHttp.Response response = http.as("gateway", "not-a-camunda-user").post("/webhooks/mailgun", "{}");

    assertThat(response.status()).isNotEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).isEmpty();
  }

  @Test
  void healthIsOpen() {
    ApiHttp.Response response = http.anonymous().get("/actuator/health");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("status").asText()).isEqualTo("UP");
  }

  /** A new Camunda user whose password is pw-NAME, in the groups. */
  private String newUser(String... groups) {
    return CamundaUsers.create(identityService, groups);
  }
}
