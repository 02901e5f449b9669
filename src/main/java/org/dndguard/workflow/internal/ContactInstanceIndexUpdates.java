package org.dndguard.workflow.internal;

import java.util.Collection;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.dndguard.engine.internal.ProcessInstanceContacts;
import org.dndguard.workflow.ContactInstanceIndex;
import org.dndguard.workflow.IndexedInstance;
import org.dndguard.store.DndTables;

/**
 * The contact index as the engine adapter's plugin keeps it: the rows it reports go to
 * {@link ContactInstanceIndex}, and a workflow's contact is what {@link WorkflowContact} says.
 */
public record ContactInstanceIndexUpdates(ContactInstanceIndex index, WorkflowContact contact)
    implements ProcessInstanceContacts {

  @Override
  public String contactVariable() {
    return contact.variableName();
  }

  @Override
  public Optional<String> contactOf(DelegateExecution processInstance) {
    return contact.ofProcessInstance(processInstance);
  }

  @Override
  public boolean isStored(Row row) {
    return index.find(row.processInstanceId()).equals(Optional.of(indexed(row)));
  }

  @Override
  public void write(Collection<Row> rows, Collection<String> endedProcessInstanceIds) {
    index.write(rows.stream().map(ContactInstanceIndexUpdates::indexed).toList(), endedProcessInstanceIds);
  }

  private static IndexedInstance indexed(Row row) {
    return new IndexedInstance(row.processInstanceId(), row.contactId(), row.rootProcessInstanceId(),
        row.superProcessInstanceId());
  }

  /**
   * The index for a plugin registered without Spring; listed in
   * {@code META-INF/services/org.dndguard.engine.internal.ProcessInstanceContacts$Factory}.
   */
  public static final class Factory implements ProcessInstanceContacts.Factory {

    @Override
    public ProcessInstanceContacts create(DndTables commandConnection, String contactVariable) {
      return new ContactInstanceIndexUpdates(new ContactInstanceIndex(commandConnection),
          new WorkflowContact(contactVariable));
    }
  }
}
