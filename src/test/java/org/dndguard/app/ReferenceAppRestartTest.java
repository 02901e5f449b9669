package org.dndguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The reference app's H2 file database is created when missing and kept across restarts. */
class ReferenceAppRestartTest {

  @TempDir
  Path dataDir;

  @Test
  void stoppingAndStartingAgainKeepsTheData() {
    try (ConfigurableApplicationContext first = start()) {
      first.getBean(ContactService.class).register("c-restart", new ContactAddresses("+14155550100", null, null, null, null),
          Evidence.user("demo", java.time.Instant.now()));
      first.getBean(DndService.class).set("c-restart", DndTarget.SMS, Evidence.user("demo", "before restart",
          java.time.Instant.now()));
    }

    try (ConfigurableApplicationContext second = start()) {
      DndService dnd = second.getBean(DndService.class);
      assertThat(dnd.isBlocked("c-restart", Channel.SMS)).isTrue();
      assertThat(dnd.history("c-restart", 0, 10)).anySatisfy(row ->
          assertThat(row.evidence().note()).isEqualTo("before restart"));
    }
  }

  private ConfigurableApplicationContext start() {
    // command-line arguments outrank the test application.properties, which points at memory
    return SpringApplication.run(DndGuardApplication.class,
        "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("data/dndguard") + ";LOCK_TIMEOUT=10000",
        "--server.port=0",
        "--dnd.app.models=" + dataDir.resolve("no-models"),
        "--camunda.bpm.generate-unique-process-engine-name=true");
  }
}
