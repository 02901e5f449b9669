package org.dndguard.workflow.internal;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** {@link DndChangedListenersContract} on H2, in a database of its own (the test alters the job table). */
@SpringBootTest(classes = DndChangedListenersContract.ListenerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
        "spring.datasource.url=jdbc:h2:mem:dnd-listeners;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "camunda.bpm.auto-deployment-enabled=false",
        "spring.flyway.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DndChangedListenersH2Test extends DndChangedListenersContract {
}
