package org.dndguard.workflow;

import org.dndguard.contact.DndStatus;
import org.dndguard.store.DndChangedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What happens in the workflows once a DND change has committed: first the automatic removal
 * policy ({@code dnd.workflows.remove-when-fully-blocked}), then the {@code DndChanged} message.
 * In that order, so that the removal does not end the instances the message has just started (a
 * review task, say), and no removed instance is woken first.
 *
 * <p>It runs after the commit, so nothing here can undo the change: every failure is logged, and
 * the caller that changed DND sees success.
 */
public class DndChangedListener {

  private static final Logger LOG = LoggerFactory.getLogger(DndChangedListener.class);

  private final WorkflowRemoval removal;
  private final DndChangedTrigger trigger;
  private final boolean removeWhenFullyBlocked;
  private final boolean correlateMessage;

  /**
   * @param removeWhenFullyBlocked whether a change that leaves every channel blocked removes the
   *     contact from all workflows
   * @param correlateMessage whether each change is correlated as the BPMN message DndChanged
   */
  public DndChangedListener(WorkflowRemoval removal, DndChangedTrigger trigger, boolean removeWhenFullyBlocked,
      boolean correlateMessage) {
    this.removal = removal;
    this.trigger = trigger;
    this.removeWhenFullyBlocked = removeWhenFullyBlocked;
    this.correlateMessage = correlateMessage;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  public void onDndChanged(DndChangedEvent event) {
    // leaving a topic blocks no channel, so it never makes a contact fully blocked
    if (removeWhenFullyBlocked && event.status() == DndStatus.ON && event.topic() == null) {
      removeFromAllWorkflows(event);
    }
    if (correlateMessage) {
      trigger.correlate(event);
    }
  }

  private void removeFromAllWorkflows(DndChangedEvent event) {
    try {
      removal.removeFromAllWorkflows(event.contactId(), "DND Guard: contact " + event.contactId()
          + " is in DND on every channel (" + event.target().displayName() + " " + (event.active() ? "set" : "cleared")
          + ", reason " + event.reason() + "; policy dnd.workflows.remove-when-fully-blocked)", event.evidence());
    } catch (RuntimeException e) {
      LOG.error("Contact {} is in DND on every channel, but removing it from its workflows failed; the DND change"
          + " stands. Remove it with POST /api/contacts/{}/workflow-removal", event.contactId(), event.contactId(), e);
    }
  }
}
