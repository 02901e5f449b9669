package org.dndguard.engine.internal;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.dndguard.store.DndTables;

/**
 * Where the engine adapter ({@code org.dndguard.engine.camunda.ContactInstanceIndexPlugin}) reports
 * which contact each running process instance works for, and which instances ended. The adapter
 * knows the engine's events and transactions; the implementation (the workflow package's contact
 * index) knows what a workflow's contact is and where the rows are kept.
 */
public interface ProcessInstanceContacts {

  /** The process variable holding a workflow's contact: the adapter re-reads the contact when it changes. */
  String contactVariable();

  /**
   * The contact of the process instance itself, or empty when it has none.
   *
   * @throws org.dndguard.contact.InvalidDndInputException when its contact id is unusable
   */
  Optional<String> contactOf(DelegateExecution processInstance);

  /** Whether exactly this row is stored already, so that writing it would change nothing. */
  boolean isStored(Row row);

  /** Writes rows and removes those of ended instances, in the caller's (the engine's) transaction. */
  void write(Collection<Row> rows, Collection<String> endedProcessInstanceIds);

  /**
   * A running process instance and its contact.
   *
   * @param rootProcessInstanceId the top of the instance's call hierarchy (the instance itself when
   *     no call activity started it)
   * @param superProcessInstanceId the instance whose call activity started this one, or null
   */
  record Row(String processInstanceId, String contactId, String rootProcessInstanceId,
      String superProcessInstanceId) {

    public Row {
      Objects.requireNonNull(processInstanceId, "processInstanceId");
      Objects.requireNonNull(contactId, "contactId");
    }
  }

  /**
   * Builds the contact index for a plugin registered without Spring ({@code processes.xml},
   * {@code bpm-platform.xml}). The plugin finds the implementation (the workflow package's) with
   * {@link java.util.ServiceLoader}, because the engine adapter must not depend on the packages that
   * build on it.
   */
  interface Factory {

    /**
     * @param commandConnection DND Guard's tables on a data source whose connection is the current
     *     engine command's own, so that what the index writes commits and rolls back with the command
     * @param contactVariable the process variable holding a workflow's contact id
     */
    ProcessInstanceContacts create(DndTables commandConnection, String contactVariable);
  }
}
