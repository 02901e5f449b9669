package org.dndguard.autoconfigure;

import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which Camunda groups may do what with DND Guard, under {@code dnd.authorization}. A user's
 * groups are those Camunda Admin shows; a user in none of them may log in but do nothing. The
 * default group ids have no hyphen, as Camunda's default id pattern ({@code [a-zA-Z0-9]+|camunda-admin})
 * admits no other.
 *
 * @param readerGroups the groups whose members may read contacts, DND records, the audit trail,
 *     skip records and the outbox
 * @param operatorGroups the groups whose members may register contacts, change DND and send
 *     manual messages; they may also read
 * @param removalGroups the groups whose members may remove a contact from all workflows; they may
 *     also read
 */
public record AuthorizationProperties(
    @DefaultValue({"camunda-admin", "dndReaders"}) List<String> readerGroups,
    @DefaultValue({"camunda-admin", "dndOperators"}) List<String> operatorGroups,
    @DefaultValue({"camunda-admin", "dndWorkflowRemovers"}) List<String> removalGroups) {

  public AuthorizationProperties {
    readerGroups = readerGroups == null ? List.of() : List.copyOf(readerGroups);
    operatorGroups = operatorGroups == null ? List.of() : List.copyOf(operatorGroups);
    removalGroups = removalGroups == null ? List.of() : List.copyOf(removalGroups);
  }
}
