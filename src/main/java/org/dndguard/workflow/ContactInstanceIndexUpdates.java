package org.dndguard.workflow;

import java.util.Collection;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.dndguard.engine.ProcessInstanceContacts;

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
}
