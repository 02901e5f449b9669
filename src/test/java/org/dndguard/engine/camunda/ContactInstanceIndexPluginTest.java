package org.dndguard.engine.camunda;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.dndguard.engine.DndGuard;
import org.dndguard.engine.internal.ProcessInstanceContacts;
import org.dndguard.testsupport.TestDatabases;
import org.dndguard.workflow.internal.ContactInstanceIndexUpdates;
import org.junit.jupiter.api.Test;

/**
 * The plugin given an index of the application's (as the Spring Boot auto-configuration gives it)
 * writes through Spring's JDBC support, which joins the engine's transaction only when Spring
 * manages it: on any other engine it refuses to start, and says how to register it instead.
 */
class ContactInstanceIndexPluginTest {

  @Test
  void anIndexGivenByTheApplicationRefusesAnEngineWhoseTransactionsAreNotSprings() {
    // given
    DataSource dataSource = TestDatabases.h2();
    ProcessInstanceContacts index = new ContactInstanceIndexUpdates.Factory().create(
        DndGuard.tables(dataSource, true), "contactId");
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("dnd-guard-refused-index");
    configuration.setJdbcUrl("jdbc:h2:mem:dnd-guard-refused-index;DB_CLOSE_DELAY=-1");
    configuration.setJobExecutorActivate(false);
    configuration.getProcessEnginePlugins().add(new ContactInstanceIndexPlugin(index));

    // when, then
    assertThatThrownBy(configuration::buildProcessEngine)
        .hasMessageContaining("needs a process engine whose transactions Spring manages")
        .hasMessageContaining("register the plugin with its no-argument constructor");
  }
}
