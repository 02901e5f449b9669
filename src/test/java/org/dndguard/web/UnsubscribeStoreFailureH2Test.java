package org.dndguard.web;

import org.dndguard.testsupport.ReferenceAppContext;
import org.springframework.test.annotation.DirtiesContext;

/** {@link UnsubscribeStoreFailureContract} on H2, in a database of its own (the test alters a table). */
@ReferenceAppContext(properties = {
    "spring.datasource.url=jdbc:h2:mem:dnd-unsubscribe-failure;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "camunda.bpm.generate-unique-process-engine-name=true"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UnsubscribeStoreFailureH2Test extends UnsubscribeStoreFailureContract {
}
