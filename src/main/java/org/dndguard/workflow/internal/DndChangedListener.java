package org.dndguard.workflow.internal;

import org.dndguard.contact.DndStatus;
import org.dndguard.store.DndChangedEvent;
import org.dndguard.store.internal.DndChangedHandler;

/**
 * What a DND change sets going in the workflows: the automatic removal policy
 * ({@code dnd.workflows.remove-when-fully-blocked}) and the {@code DndChanged} message, both
 * recorded as one delivery in the change's own transaction ({@link DndChangedTrigger#schedule}), on
 * its connection. Nothing runs after the commit in the committing thread: a request that changes
 * DND needs one connection, and a change whose transaction commits is delivered even when the node
 * stops right after.
 *
 * <p>The removal runs before the message (in the delivery), so that the removal does not end the
 * instances the message has just started (a review task, say), and no removed instance is woken.
 *
 * @param trigger records the delivery of each change that sets something going
 * @param removeWhenFullyBlocked whether a change that leaves every channel blocked removes the
 *     contact from all workflows
 * @param correlateMessage whether each change is correlated as the BPMN message DndChanged
 */
public record DndChangedListener(DndChangedTrigger trigger, boolean removeWhenFullyBlocked,
    boolean correlateMessage) implements DndChangedHandler {

  /**
   * Runs inside the change's transaction, in a savepoint of its own, before the application's
   * listeners: the delivery commits with the change, and a failure to record it (logged and counted
   * as {@code dnd.events.listener.failures}) cannot roll the change back.
   */
  @Override
  public void onDndChanged(DndChangedEvent event) {
    // leaving a topic blocks no channel, so it never makes a contact fully blocked
    boolean remove = removeWhenFullyBlocked && event.status() == DndStatus.ON && event.topic() == null;
    if (remove || correlateMessage) {
      trigger.schedule(event, remove, correlateMessage);
    }
  }
}
