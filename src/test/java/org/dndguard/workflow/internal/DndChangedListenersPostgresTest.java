package org.dndguard.workflow.internal;

import org.dndguard.testsupport.OwnEngineContext;
import org.dndguard.testsupport.TestDatabases;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link DndChangedListenersContract} on embedded PostgreSQL, where a failed statement aborts the
 * whole transaction unless it is rolled back to a savepoint.
 */
@OwnEngineContext(value = DndChangedListenersContract.ListenerApplication.class, properties = {
    "spring.flyway.enabled=false"})
// closed after the class, while the embedded PostgreSQL still runs: closing the engine writes to it
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DndChangedListenersPostgresTest extends DndChangedListenersContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestDatabases.usePostgres(registry);
  }
}
