package org.dndguard.workflow;

import java.util.Objects;

/**
 * One row of the contact index: a running process instance and the contact it works for.
 *
 * @param processInstanceId the process instance
 * @param contactId the contact: the instance's contact variable, else its business key
 * @param rootProcessInstanceId the top of the instance's call hierarchy (the instance itself when
 *     no call activity started it)
 * @param superProcessInstanceId the instance whose call activity started this one, or null
 */
public record IndexedInstance(String processInstanceId, String contactId, String rootProcessInstanceId,
    String superProcessInstanceId) {

  public IndexedInstance {
    Objects.requireNonNull(processInstanceId, "processInstanceId");
    Objects.requireNonNull(contactId, "contactId");
    rootProcessInstanceId = rootProcessInstanceId == null ? processInstanceId : rootProcessInstanceId;
  }

  /** Whether a call activity started this instance. */
  public boolean isSubProcessInstance() {
    return superProcessInstanceId != null;
  }
}
