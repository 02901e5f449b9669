package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * A host whose engine runs with Camunda's authorization off is told once at start that DND Guard's
 * permissions then protect nothing, and which property to set; with authorization on, nothing is said.
 */
class CamundaAuthorizationWarningTest {

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(CamundaAuthorizationWarning.class);

  @BeforeEach
  void listen() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(log);
  }

  private static WebApplicationContextRunner host() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, CamundaBpmAutoConfiguration.class,
            DndGuardAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:authz-warning-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "camunda.bpm.generate-unique-process-engine-name=true", "camunda.bpm.job-execution.enabled=false",
            "dnd.messaging.dispatch.enabled=false");
  }

  @Test
  void authorizationOffIsWarnedOnceNamingTheRiskAndTheProperty() {
    host().run(context -> {
      assertThat(context).hasNotFailed();
      List<ILoggingEvent> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0).getFormattedMessage())
          .contains("Camunda's authorization is off")
          .contains("group membership")
          .contains("add itself to camunda-admin through /engine-rest")
          .contains("camunda.bpm.authorization.enabled=true");
    });
  }

  @Test
  void authorizationOnIsNotWarned() {
    host().withPropertyValues("camunda.bpm.authorization.enabled=true").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(CamundaAuthorizationWarning.class);
      assertThat(log.list).isEmpty();
    });
  }
}
