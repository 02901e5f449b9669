package org.dndguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.autoconfigure.DndProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code dnd.enabled=false}: the reference application starts with nothing of DND Guard in it, answers
 * 404 below {@code /api}, and runs a model whose steps are marked with {@code dnd.channel} unguarded.
 */
class ReferenceAppDndOffTest {

  @Test
  void startsWithoutDndGuardAnswers404OnTheApiAndRunsMarkedStepsUnguarded() throws Exception {
    try (ConfigurableApplicationContext app = SpringApplication.run(DndGuardApplication.class,
        "--spring.config.location=optional:classpath:/no-such-config/",
        "--spring.datasource.url=jdbc:h2:mem:dnd-off-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.generate-unique-process-engine-name=true", "--dnd.enabled=false")) {

      assertThat(app.getBeanNamesForType(DndProperties.class)).isEmpty();
      // no bean of DND Guard's library: only the reference application's own
      for (String name : app.getBeanDefinitionNames()) {
        Class<?> type = app.getType(name);
        String typeName = type == null ? "" : type.getName();
        assertThat(typeName).as(name).satisfiesAnyOf(
            t -> assertThat(t).doesNotStartWith("org.dndguard."),
            t -> assertThat(t).startsWith("org.dndguard.app."));
      }
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      String demo = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));
      HttpClient client = HttpClient.newHttpClient();
      for (String path : new String[] {"/api/contacts/c-1/dnd", "/api/contacts/c-1"}) {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", demo).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(404);
      }
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
          + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      // SMS to a contact id and e-mail to one nobody knows: with DND Guard, the second fails closed
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      engine.getRepositoryService().createDeployment().name("dnd-off")
          .addClasspathResource("org/dndguard/web/skipThenFail.bpmn").deploy();
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("skipThenFail",
          Map.of("contactId", "c-in-dnd-or-unknown"));

      HistoryService history = engine.getHistoryService();
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).completed().count())
          .isEqualTo(1);
      assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
          .variableName("smsSent").singleResult().getValue()).isEqualTo(true);
      assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
          .variableName("emailSent").singleResult().getValue()).isEqualTo(true);
    }
  }
}
