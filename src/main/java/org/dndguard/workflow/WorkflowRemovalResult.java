package org.dndguard.workflow;

import java.util.List;

/**
 * What a removal did. A workflow is a process instance with the sub-process instances its call
 * activities started; it counts once.
 *
 * @param contactId the contact
 * @param removedProcessInstanceIds the process instances ended by this removal, each the top of a
 *     workflow of the contact (empty when it ran as a batch)
 * @param batchId the Camunda batch that ends the workflows, when there were more than the batch
 *     threshold; null otherwise
 * @param batchSize how many workflows the batch ends
 */
public record WorkflowRemovalResult(String contactId, List<String> removedProcessInstanceIds, String batchId,
    int batchSize) {

  public WorkflowRemovalResult {
    removedProcessInstanceIds = List.copyOf(removedProcessInstanceIds);
  }

  static WorkflowRemovalResult removed(String contactId, List<String> processInstanceIds) {
    return new WorkflowRemovalResult(contactId, processInstanceIds, null, 0);
  }

  static WorkflowRemovalResult batch(String contactId, String batchId, int size) {
    return new WorkflowRemovalResult(contactId, List.of(), batchId, size);
  }

  /** How many workflows this removal ended itself. */
  public int removed() {
    return removedProcessInstanceIds.size();
  }

  /** Whether the removal was handed to a Camunda batch, which ends the workflows in the background. */
  public boolean isBatch() {
    return batchId != null;
  }
}
