package org.dndguard.web;

import org.dndguard.testsupport.ReferenceAppContext;
import org.dndguard.testsupport.TestDatabases;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link UnsubscribeStoreFailureContract} on embedded PostgreSQL. */
@ReferenceAppContext(properties = "camunda.bpm.generate-unique-process-engine-name=true")
// closed after the class, while the embedded PostgreSQL still runs: closing the engine writes to it
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UnsubscribeStoreFailurePostgresTest extends UnsubscribeStoreFailureContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestDatabases.usePostgres(registry);
  }
}
