package org.dndguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dndguard.autoconfigure.EngineDatabase;
import org.dndguard.testsupport.ReferenceAppContext;
import org.dndguard.workflow.internal.CamundaTaskIndex;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * The reference application as it ships: on loopback only; told to listen elsewhere, it refuses to
 * start while a development secret is in force; its OpenAPI document names no credentials; it has
 * the index Camunda's task table lacks.
 */
@ReferenceAppContext
class ReferenceAppSecurityDefaultsTest {

  @LocalServerPort int port;
  @Autowired Environment environment;
  @Autowired EngineDatabase database;

  @Test
  void itListensOnLoopbackOnly() throws Exception {
    String address = environment.getProperty("server.address");

    assertThat(address).isNotBlank();
    assertThat(InetAddress.getByName(address).isLoopbackAddress()).isTrue();
  }

  @Test
  void toldToListenOnEveryInterfaceWithTheDevelopmentSecretsItRefusesToStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> start("--server.address=0.0.0.0").close())
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refuses to listen on '0.0.0.0'")
        .hasMessageContaining("dnd.webhooks.twilio.auth-token is the development value")
        .hasMessageContaining("DND_WEBHOOKS_TWILIO_AUTHTOKEN")
        .hasMessageContaining("dnd.webhooks.mailgun.signing-key is the development value")
        .hasMessageContaining("dnd.unsubscribe.secret is the development value")
        .hasMessageContaining("the Camunda user 'demo' has the password 'demo'")
        .hasMessageContaining("keep server.address=127.0.0.1");
  }

  @Test
  void realWebhookSecretsAreNotEnoughWhileDemoHasItsPassword() {
    assertThatThrownBy(() -> start("--server.address=0.0.0.0", "--dnd.webhooks.twilio.auth-token=a-real-token",
        "--dnd.webhooks.mailgun.signing-key=a-real-key", "--dnd.unsubscribe.secret=a-real-unsubscribe-secret").close())
        .rootCause()
        .hasMessageContaining("the Camunda user 'demo' has the password 'demo'")
        .hasMessageNotContaining("unsubscribe.secret is the development value")
        .hasMessageNotContaining("auth-token is the development value")
        .hasMessageNotContaining("signing-key is the development value");
  }

  @Test
  void theOpenApiDocumentNamesNoCredentials() throws Exception {
    HttpResponse<String> document = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.body()).contains("camundaUser").doesNotContain("demo/demo", "dev-only-");
  }

  @Test
  void itHasTheIndexCamundasTaskTableLacks() throws Exception {
    assertThat(CamundaTaskIndex.exists(database.dataSource())).isTrue();
    List<String> names = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection();
        ResultSet index = connection.getMetaData().getIndexInfo(null, null, "ACT_RU_TASK", false, false)) {
      while (index.next()) {
        names.add(index.getString("INDEX_NAME"));
      }
    }
    assertThat(names).contains(CamundaTaskIndex.NAME);
  }

  /** A fresh reference application on its own database, with the arguments of a user's command line. */
  private static org.springframework.context.ConfigurableApplicationContext start(String... arguments) {
    List<String> all = new ArrayList<>(List.of("--server.port=0",
        "--spring.datasource.url=jdbc:h2:mem:exposure-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "--camunda.bpm.generate-unique-process-engine-name=true", "--dnd.app.models=no-models-here",
        // Camunda's web applications keep static state per JVM, which a second application would take
        // over from the test's own (its Cockpit would then fail); the check does not need them
        "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration,"
            + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration"));
    all.addAll(List.of(arguments));
    return new SpringApplicationBuilder(DndGuardApplication.class).run(all.toArray(String[]::new));
  }
}
