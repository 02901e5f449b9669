package org.dndguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndService;
import org.dndguard.store.internal.SqlDialect;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The reference app's postgres profile, on a real PostgreSQL, the connection given as DND_DB_* values. */
class ReferenceAppPostgresTest {

  @Test
  void runsOnPostgresWithTheConnectionFromTheEnvironment() {
    String url = TestDatabases.postgresUrl(TestDatabases.postgres());
    try (ConfigurableApplicationContext app = SpringApplication.run(DndGuardApplication.class,
        // read no application.properties: the tests' one points every context at an in-memory H2
        "--spring.config.location=optional:classpath:/no-such-config/",
        "--spring.profiles.active=postgres", "--DND_DB_URL=" + url, "--DND_DB_USER=postgres",
        "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.generate-unique-process-engine-name=true")) {

      assertThat(app.getBean(DndSchema.class).dialect()).isEqualTo(SqlDialect.POSTGRESQL);
      assertThat(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
          .getProcessEngineConfiguration()).getDatabaseType()).isEqualTo("postgres");
      app.getBean(ContactService.class).register("c-pg", new ContactAddresses(null, "ann@example.com", null, null, null),
          Evidence.user("demo", Instant.now()));
      app.getBean(DndService.class).set("c-pg", DndTarget.EMAIL, Evidence.user("demo", Instant.now()));
      assertThat(app.getBean(DndService.class).isBlocked("c-pg", Channel.EMAIL)).isTrue();
    }
  }
}
