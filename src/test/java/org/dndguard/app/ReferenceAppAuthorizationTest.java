package org.dndguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reference application with Camunda's authorization on (issue 21): a Camunda user in no group,
 * or in a DND group only, cannot read other users, join {@code camunda-admin}, deploy or delete
 * instances through {@code /engine-rest}; a {@code dndReaders} user sees the instances but changes
 * nothing; {@code demo} may do everything; DND Guard's own endpoints act in the engine as the caller.
 * The same checks on H2 and on PostgreSQL.
 */
class ReferenceAppAuthorizationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENGINE = "authz" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void onH2() {
    try (ConfigurableApplicationContext app = start(
        "--spring.datasource.url=jdbc:h2:mem:authz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")) {
      checks(app);
      startsAgainWithTheSameGrants(app);
    }
  }

  @Test
  void onPostgres() throws Exception {
    String url = TestDatabases.postgresUrl(TestDatabases.postgres());
    try (ConfigurableApplicationContext app = start("--spring.profiles.active=postgres", "--DND_DB_URL=" + url,
        "--DND_DB_USER=postgres")) {
      checks(app);
      nodesStartingAtOnceMakeEachGroupAndGrantOnce(app);
    }
  }

  private static ConfigurableApplicationContext start(String... args) {
    List<String> all = new ArrayList<>(List.of(
        // read no application.properties: the tests' one points every context at one in-memory H2
        "--spring.config.location=optional:classpath:/no-such-config/",
        "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        // an engine of its own, under its own name: Camunda's REST API finds it by that name
        "--camunda.bpm.generate-unique-process-engine-name=false", "--camunda.bpm.process-engine-name=" + ENGINE,
        "--dnd.messaging.dispatch.enabled=false", "--dnd.quiet-hours.enabled=false"));
    all.addAll(List.of(args));
    return SpringApplication.run(DndGuardApplication.class, all.toArray(String[]::new));
  }

  private static void checks(ConfigurableApplicationContext app) {
    ProcessEngine engine = app.getBean(ProcessEngine.class);
    assertThat(engine.getProcessEngineConfiguration().isAuthorizationEnabled()).isTrue();
    IdentityService identity = engine.getIdentityService();
    Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
    engine.getRepositoryService().createDeployment().name("authz-test")
        .addModelInstance("authz.bpmn", Bpmn.createExecutableProcess("authz").camundaHistoryTimeToLive(1)
            .startEvent().userTask("wait").endEvent().done())
        .deploy();
    String contactId = "authz-" + UUID.randomUUID();
    app.getBean(ContactService.class).register(contactId, ContactAddresses.none(),
        Evidence.user("test", Instant.now()));
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("authz",
        Map.of("contactId", contactId));

    // the groups exist with their grants
    for (String group : List.of("dndReaders", "dndOperators", "dndWorkflowRemovers")) {
      assertThat(identity.createGroupQuery().groupId(group).count()).as(group).isEqualTo(1);
      assertThat(engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(group)
          .resourceType(Resources.APPLICATION).resourceId("cockpit").singleResult().isPermissionGranted(Permissions.ACCESS))
          .as("%s opens Cockpit", group).isTrue();
    }

    String nobody = user(identity);
    String reader = user(identity, "dndReaders");
    String operator = user(identity, "dndOperators");
    String remover = user(identity, "dndWorkflowRemovers");

    for (String user : List.of(nobody, reader, operator)) {
      Http as = http.as(user);
      // reading users: Camunda answers a query with what the user may read, which is no other user
      Http.Response users = as.get("/engine-rest/user");
      assertThat(users.status()).as(users.body()).isEqualTo(200);
      assertThat(ids(users.json())).as("users %s sees", user).isNotEmpty().allMatch(user::equals);
      assertThat(as.get("/engine-rest/user/count").json().get("count").asInt()).as(user).isLessThanOrEqualTo(1);
      Http.Response groups = as.get("/engine-rest/group");
      assertThat(ids(groups.json())).as("groups %s sees", user).doesNotContain(Groups.CAMUNDA_ADMIN);
      // joining camunda-admin, making a user or a group
      expect(as.put("/engine-rest/group/camunda-admin/members/" + user, null), 403);
      expect(as.post("/engine-rest/user/create", "{\"profile\":{\"id\":\"x" + user + "\"},\"credentials\":"
          + "{\"password\":\"pw-pw-pw-pw\"}}"), 403);
      expect(as.post("/engine-rest/group/create", "{\"id\":\"g" + user + "\",\"name\":\"g\"}"), 403);
      // deploying a model, whose expressions would reach the application's beans
      expect(as.deploy(), 403);
      // deleting or changing an instance
      expect(as.delete("/engine-rest/process-instance/" + instance.getId()), 403);
      expect(as.put("/engine-rest/process-instance/" + instance.getId() + "/suspended",
          "{\"suspended\":true}"), 403);
    }
    assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list()).extracting(User::getId)
        .containsExactly("demo");
    assertThat(identity.createUserQuery().count()).isEqualTo(5);
    assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentName("authz-upload").count()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).active()
        .count()).isEqualTo(1);

    // a user in no group sees no instance; a reader sees them in Cockpit's data (the same queries) and the engine's REST
    assertThat(http.as(nobody).get("/engine-rest/process-instance").json()).isEmpty();
    assertThat(ids(http.as(reader).get("/engine-rest/process-instance").json())).contains(instance.getId());
    expect(http.as(reader).get("/engine-rest/process-definition/key/authz"), 200);
    assertThat(ids(http.as(reader).get("/engine-rest/history/process-instance").json())).contains(instance.getId());
    assertThat(http.as(reader).get("/engine-rest/task?processInstanceId=" + instance.getId()).json()).hasSize(1);
    // ... and DND Guard's API reads as the reader, but may not remove workflows
    expect(http.as(reader).get("/api/contacts/" + contactId + "/dnd"), 200);
    expect(http.as(reader).post("/api/contacts/" + contactId + "/workflow-removal", null), 403);

    // DND Guard's endpoints run in the engine as the caller: a remover whose group lost Camunda's
    // permissions to delete instances (DELETE on instances, DELETE_INSTANCE on their definitions, either
    // of which suffices) cannot remove workflows through DND Guard either, and nothing is removed
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization delete = authorizations.createAuthorizationQuery().groupIdIn("dndWorkflowRemovers")
        .resourceType(Resources.PROCESS_INSTANCE).resourceId("*").singleResult();
    delete.removePermission(ProcessInstancePermissions.DELETE);
    authorizations.saveAuthorization(delete);
    Authorization deleteInstance = authorizations.createAuthorizationQuery().groupIdIn("dndWorkflowRemovers")
        .resourceType(Resources.PROCESS_DEFINITION).resourceId("*").singleResult();
    deleteInstance.removePermission(ProcessDefinitionPermissions.DELETE_INSTANCE);
    authorizations.saveAuthorization(deleteInstance);
    Http.Response refused = http.as(remover).post("/api/contacts/" + contactId + "/workflow-removal", null);
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().get("detail").asText()).contains(remover).contains("DELETE");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);
    // a new start gives the group its grants back
    app.getBean(ReferenceAppGroups.class).afterSingletonsInstantiated();
    Http.Response removed = http.as(remover).post("/api/contacts/" + contactId + "/workflow-removal", null);
    assertThat(removed.status()).as(removed.body()).isEqualTo(200);
    assertThat(removed.json().get("processInstanceIds").get(0).asText()).isEqualTo(instance.getId());

    // demo may do everything
    ProcessInstance second = engine.getRuntimeService().startProcessInstanceByKey("authz");
    Http demo = http.asDemo();
    assertThat(ids(demo.get("/engine-rest/user").json())).contains("demo", nobody, reader, operator, remover);
    expect(demo.deploy(), 200);
    expect(demo.put("/engine-rest/group/dndReaders/members/" + nobody, null), 204);
    expect(demo.delete("/engine-rest/process-instance/" + second.getId()), 204);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(second.getId()).count()).isZero();
    assertThat(identity.createUserQuery().memberOfGroup("dndReaders").userId(nobody).count()).isEqualTo(1);

    // wrong passwords last: Camunda throttles the user's next logins
    expect(http.as(reader, "wrong").get("/engine-rest/process-instance"), 401);
  }

  /** A second start on the same database (another node, a restart) adds no group and no grant twice. */
  private static void startsAgainWithTheSameGrants(ConfigurableApplicationContext app) {
    ProcessEngine engine = app.getBean(ProcessEngine.class);
    long grants = engine.getAuthorizationService().createAuthorizationQuery().count();
    long groups = engine.getIdentityService().createGroupQuery().count();
    app.getBean(ReferenceAppGroups.class).afterSingletonsInstantiated();
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().count()).isEqualTo(grants);
    assertThat(engine.getIdentityService().createGroupQuery().count()).isEqualTo(groups);
  }

  /** The response has the status; the failure shows its body. */
  private static Http.Response expect(Http.Response response, int status) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
    return response;
  }

  /**
   * Nodes of a cluster starting at once on a database without DND Guard's groups: each group and
   * each grant is made once, with all its permissions (Camunda's unique keys refuse the second, which
   * is read back).
   */
  private static void nodesStartingAtOnceMakeEachGroupAndGrantOnce(ConfigurableApplicationContext app)
      throws Exception {
    ProcessEngine engine = app.getBean(ProcessEngine.class);
    IdentityService identity = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    List<String> groups = List.of("dndReaders", "dndOperators", "dndWorkflowRemovers");
    for (String group : groups) {
      authorizations.createAuthorizationQuery().groupIdIn(group).list()
          .forEach(a -> authorizations.deleteAuthorization(a.getId()));
      identity.deleteGroup(group);
    }
    ReferenceAppGroups setup = app.getBean(ReferenceAppGroups.class);
    int nodes = 6;
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      CyclicBarrier together = new CyclicBarrier(nodes);
      List<Future<?>> starts = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        starts.add(pool.submit(() -> {
          together.await();
          setup.afterSingletonsInstantiated();
          return null;
        }));
      }
      for (Future<?> start : starts) {
        start.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    for (String group : groups) {
      assertThat(identity.createGroupQuery().groupId(group).count()).as(group).isEqualTo(1);
    }
    for (Map.Entry<String, List<ReferenceAppGroups.Grant>> expected : setup.grantsByGroup().entrySet()) {
      for (ReferenceAppGroups.Grant grant : expected.getValue()) {
        List<Authorization> made = authorizations.createAuthorizationQuery().groupIdIn(expected.getKey())
            .resourceType(grant.resource()).resourceId(grant.resourceId()).list();
        assertThat(made).as("%s on %s", expected.getKey(), grant.resource().resourceName()).hasSize(1);
        assertThat(grant.permissions()).allMatch(p -> made.get(0).isPermissionGranted(p));
      }
    }
  }

  private static String user(IdentityService identity, String... groups) {
    String id = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    User user = identity.newUser(id);
    user.setPassword("pw-" + id);
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    return id;
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  private record Http(int port, String authorization) {

    Http(int port) {
      this(port, null);
    }

    Http as(String user) {
      return as(user, "pw-" + user);
    }

    Http as(String user, String password) {
      return new Http(port, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8)));
    }

    Http asDemo() {
      return as("demo", "demo");
    }

    Response get(String path) {
      return send("GET", path, null, null);
    }

    Response put(String path, String json) {
      return send("PUT", path, json, "application/json");
    }

    Response post(String path, String json) {
      return send("POST", path, json, "application/json");
    }

    Response delete(String path) {
      return send("DELETE", path, null, null);
    }

    /** {@code POST /engine-rest/deployment/create} with one model, as Camunda Modeler deploys. */
    Response deploy() {
      String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
      String model = Bpmn.convertToString(Bpmn.createExecutableProcess("uploaded").camundaHistoryTimeToLive(1)
          .startEvent().endEvent().done());
      String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
          + "authz-upload\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"u.bpmn\"\r\n"
          + "Content-Type: application/octet-stream\r\n\r\n" + model + "\r\n--" + boundary + "--\r\n";
      return send("POST", "/engine-rest/deployment/create", body, "multipart/form-data; boundary=" + boundary);
    }

    Response send(String method, String path, String body, String contentType) {
      // Camunda's REST API of this test's engine, which is not the default one
      String url = path.startsWith("/engine-rest/") ? "/engine-rest/engine/" + ENGINE + path.substring(12) : path;
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + url))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      try {
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    record Response(int status, String body) {

      JsonNode json() {
        try {
          return JSON.readTree(body);
        } catch (IOException e) {
          throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
        }
      }
    }
  }
}
