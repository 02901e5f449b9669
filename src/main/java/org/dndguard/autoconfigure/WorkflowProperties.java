package org.dndguard.autoconfigure;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The workflow actions, under {@code dnd.workflows}.
 *
 * @param removeWhenFullyBlocked whether a committed change that leaves every channel blocked
 *     removes the contact from all workflows
 * @param batchThreshold above this many workflows, a removal runs as a Camunda batch (visible in
 *     Cockpit's batch view) instead of in the caller's thread; 0 makes every removal a batch
 * @param removalRetries how often the deletion of one workflow is retried when it meets a
 *     concurrent change (an optimistic locking conflict)
 * @param dndChangedMessage whether every committed change is correlated as the BPMN message
 *     {@code DndChanged}
 * @param enabled whether the workflow actions are on: the contact index and its engine plugin,
 *     removal, {@code ${updateDnd}}, {@code ${removeFromAllWorkflows}}, {@code DndChanged} and the
 *     removal endpoint
 */
public record WorkflowProperties(
    @DefaultValue("false") boolean removeWhenFullyBlocked,
    @DefaultValue("100") int batchThreshold,
    @DefaultValue("3") int removalRetries,
    @DefaultValue("true") boolean dndChangedMessage,
    @DefaultValue("true") boolean enabled) {

  public WorkflowProperties {
    if (batchThreshold < 0) {
      throw new IllegalArgumentException("dnd.workflows.batch-threshold is " + batchThreshold
          + "; set it to 0 or more (0 runs every removal as a batch)");
    }
    if (removalRetries < 0) {
      throw new IllegalArgumentException("dnd.workflows.removal-retries is " + removalRetries + "; set it to 0 or more");
    }
  }
}
