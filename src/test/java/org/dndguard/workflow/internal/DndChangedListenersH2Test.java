package org.dndguard.workflow.internal;

import org.dndguard.testsupport.OwnEngineContext;
import org.springframework.test.annotation.DirtiesContext;

/** {@link DndChangedListenersContract} on H2, in a database of its own (the test alters the job table). */
@OwnEngineContext(value = DndChangedListenersContract.ListenerApplication.class, properties = {
    "spring.datasource.url=jdbc:h2:mem:dnd-listeners;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "spring.flyway.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DndChangedListenersH2Test extends DndChangedListenersContract {
}
