package com.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;

/**
 * DND Guard added to a team's own Camunda application ({@link HostApplication}): each of the host's
 * endpoints answers exactly as before, DND Guard's API works under {@code /dnd/api} with a Camunda
 * user, the host's marked step is guarded, and {@code dnd.enabled=false} leaves nothing of DND Guard.
 */
class HostApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** The Camunda administrator the host configures (camunda.bpm.admin-user), a member of camunda-admin. */
  private static final String CAMUNDA_USER = "ops";
  private static final String CAMUNDA_PASSWORD = "ops-pw";

  /** Who calls: nobody, the host's users, a wrong password, and a Camunda user the host's security does not know. */
  private static final Map<String, String> CALLERS = new LinkedHashMap<>();

  static {
    CALLERS.put("anonymous", null);
    CALLERS.put("alice", basic(HostApplication.USER, "alice-pw"));
    CALLERS.put("root", basic(HostApplication.ADMIN, "root-pw"));
    CALLERS.put("alice, wrong password", basic(HostApplication.USER, "not-it"));
    CALLERS.put("Camunda's ops", basic(CAMUNDA_USER, CAMUNDA_PASSWORD));
  }

  /** The host's own endpoints, and some it does not have. */
  private static final List<String> HOST_REQUESTS = List.of(
      "GET /api/orders", "POST /api/orders", "GET /api/contacts/c-1/dnd", "PUT /api/contacts/c-1/dnd",
      "GET /api/no-such-thing", "GET /api/fails", "GET /webhooks/crm", "POST /webhooks/crm",
      "POST /webhooks/mailgun", "GET /public/hello", "GET /admin/stats", "GET /nothing-here", "GET /error");

  /** DND Guard's paths: with DND Guard switched off, the host answers them as it always did. */
  private static final List<String> DND_REQUESTS = List.of(
      "GET /dnd/api/contacts/c-1/dnd", "PUT /dnd/api/contacts/c-1/dnd/channels/SMS", "POST /dnd/webhooks/mailgun");

  @Test
  void theHostAnswersExactlyAsWithoutDndGuardAndDndGuardWorksBesideIt() throws Exception {
    Map<String, String> without;
    Map<String, String> dndPathsWithout;
    try (ConfigurableApplicationContext host = start(
        "spring.autoconfigure.exclude=" + WEB_EXTRAS + ",org.dndguard.autoconfigure.DndGuardAutoConfiguration")) {
      without = answers(port(host), HOST_REQUESTS);
      dndPathsWithout = answers(port(host), DND_REQUESTS);
    }
    assertThat(without).as("the host as it was: its own security, its own answers")
        .containsEntry("GET /api/orders as anonymous", "401 -")
        .containsEntry("GET /api/orders as alice", "200 application/json")
        .containsEntry("GET /api/contacts/c-1/dnd as alice", "200 text/plain")
        .containsEntry("GET /webhooks/crm as anonymous", "200 text/plain")
        .containsEntry("GET /public/hello as anonymous", "200 text/plain")
        .containsEntry("GET /admin/stats as alice", "403 application/json")
        .containsEntry("GET /admin/stats as root", "200 text/plain")
        .containsEntry("GET /api/fails as alice", "500 application/json")
        .containsEntry("GET /api/no-such-thing as alice", "404 application/json")
        .containsEntry("GET /api/orders as Camunda's ops", "401 -");

    try (ConfigurableApplicationContext host = start("spring.autoconfigure.exclude=" + WEB_EXTRAS)) {
      int port = port(host);

      // every host endpoint, with and without credentials, answers as before
      Map<String, String> with = answers(port, HOST_REQUESTS);
      for (Map.Entry<String, String> answer : without.entrySet()) {
        assertThat(with.get(answer.getKey())).as(answer.getKey()).isEqualTo(answer.getValue());
      }
      // DND Guard added no chain and no authentication provider to the host's security
      assertThat(host.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("hostSecurity");
      assertThat(host.getBeansOfType(AuthenticationProvider.class)).isEmpty();

      // DND Guard's API under /dnd/api, with a Camunda user only
      assertThat(call(port, "PUT", "/dnd/api/contacts/c-blocked", "{\"phone\": \"+14155550141\"}", CAMUNDA_USER)
          .statusCode()).isEqualTo(201);
      assertThat(call(port, "PUT", "/dnd/api/contacts/c-open", "{\"phone\": \"+14155550142\"}", CAMUNDA_USER)
          .statusCode()).isEqualTo(201);
      assertThat(call(port, "PUT", "/dnd/api/contacts/c-blocked/dnd/channels/SMS", "{}", CAMUNDA_USER)
          .statusCode()).isEqualTo(200);
      HttpResponse<String> anonymous = call(port, "GET", "/dnd/api/contacts/c-blocked/dnd", null, null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          challenge -> assertThat(challenge).contains("DND Guard"));
      assertThat(send(port, "GET", "/dnd/api/contacts/c-blocked/dnd", null, CALLERS.get("alice")).statusCode())
          .as("the host's user is no Camunda user").isEqualTo(401);
      // the webhooks answer for themselves (no signing key here), not the host's CSRF protection
      HttpResponse<String> webhook = send(port, "POST", "/dnd/webhooks/mailgun", "{}", null);
      assertThat(webhook.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(JSON.readTree(webhook.body()).path("title").asText()).startsWith("Webhook");

      // the host's marked step is guarded: skipped for the contact in SMS DND, run for the other
      host.getBean(RepositoryService.class).createDeployment()
          .addClasspathResource("com/example/host/host-welcome.bpmn").deploy();
      RuntimeService runtime = host.getBean(RuntimeService.class);
      ProcessInstance blocked = runtime.startProcessInstanceByKey("host-welcome", Map.of("contactId", "c-blocked"));
      runtime.startProcessInstanceByKey("host-welcome", Map.of("contactId", "c-open"));
      assertThat(host.getBean(HostApplication.HostSendSms.class).sentTo).containsExactly("c-open");
      JsonNode skips = JSON.readTree(call(port, "GET", "/dnd/api/process-instances/" + blocked.getId() + "/dnd-skips",
          null, CAMUNDA_USER).body());
      assertThat(skips.toString()).contains("welcomeSms");
    }

    try (ConfigurableApplicationContext host = start("spring.autoconfigure.exclude=" + WEB_EXTRAS,
        "dnd.enabled=false")) {
      // nothing of DND Guard: no bean, no endpoint, no table
      assertThat(Arrays.stream(host.getBeanDefinitionNames())
          .map(name -> host.getBeanFactory().getType(name))
          .filter(type -> type != null && type.getName().startsWith("org.dndguard."))
          .map(Class::getName)
          .toList()).isEmpty();
      JdbcClient jdbc = JdbcClient.create(host.getBean(DataSource.class));
      assertThat(jdbc.sql("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) LIKE 'DND%'")
          .query(String.class).list()).isEmpty();
      Map<String, String> off = answers(port(host), HOST_REQUESTS);
      assertThat(off).isEqualTo(without);
      assertThat(answers(port(host), DND_REQUESTS)).as("DND Guard's paths are the host's again")
          .isEqualTo(dndPathsWithout);
      // the guard is off too: the marked step runs for anyone
      host.getBean(RepositoryService.class).createDeployment()
          .addClasspathResource("com/example/host/host-welcome.bpmn").deploy();
      host.getBean(RuntimeService.class).startProcessInstanceByKey("host-welcome", Map.of("contactId", "unknown"));
      assertThat(host.getBean(HostApplication.HostSendSms.class).sentTo).containsExactly("unknown");
    }
  }

  /**
   * The test class path holds the reference application's optional dependencies (Camunda's web
   * applications and REST API), which a host does not get (HostDependenciesTest); left out here.
   */
  private static final String WEB_EXTRAS = "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration,"
      + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration";

  private static ConfigurableApplicationContext start(String... properties) {
    List<String> all = new ArrayList<>(List.of(
        "server.port=0",
        "spring.datasource.url=jdbc:h2:mem:host-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "camunda.bpm.job-execution.enabled=false",
        "camunda.bpm.auto-deployment-enabled=false",
        "camunda.bpm.admin-user.id=" + CAMUNDA_USER,
        "camunda.bpm.admin-user.password=" + CAMUNDA_PASSWORD,
        "spring.main.banner-mode=off"));
    all.addAll(List.of(properties));
    // as arguments: they win over the test class path's application.properties (the reference app's)
    return new SpringApplicationBuilder(HostApplication.class).run(all.stream().map(p -> "--" + p)
        .toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** "METHOD /path as caller" to "status media-type", for every request and caller. */
  private static Map<String, String> answers(int port, List<String> requests) throws Exception {
    Map<String, String> answers = new LinkedHashMap<>();
    for (String request : requests) {
      String[] methodAndPath = request.split(" ", 2);
      for (Map.Entry<String, String> caller : CALLERS.entrySet()) {
        String body = methodAndPath[0].equals("GET") ? null : "{}";
        HttpResponse<String> response = send(port, methodAndPath[0], methodAndPath[1], body, caller.getValue());
        String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse("-");
        answers.put(request + " as " + caller.getKey(), response.statusCode() + " " + type);
      }
    }
    return answers;
  }

  private static HttpResponse<String> call(int port, String method, String path, String json, String camundaUser)
      throws Exception {
    return send(port, method, path, json, camundaUser == null ? null : basic(camundaUser, CAMUNDA_PASSWORD));
  }

  private static HttpResponse<String> send(int port, String method, String path, String json, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
