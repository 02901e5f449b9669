package org.dndguard.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/** TEMPORARY stand-in for issue 13's class (branch i13), to its contract; removed when i13 is merged. */
public class DndAuthorization {

  private final IdentityService identity;

  public DndAuthorization(IdentityService identity) {
    this.identity = identity;
  }

  public Set<DndPermission> permissionsOf(String userId) {
    Set<DndPermission> permissions = EnumSet.noneOf(DndPermission.class);
    if (userId == null) {
      return permissions;
    }
    Set<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
        .collect(Collectors.toSet());
    if (groups.stream().anyMatch(List.of("camunda-admin", "dnd-readers", "dnd-operators", "dnd-workflow-removers")::contains)) {
      permissions.add(DndPermission.READ);
    }
    if (groups.stream().anyMatch(List.of("camunda-admin", "dnd-operators")::contains)) {
      permissions.add(DndPermission.CHANGE);
    }
    if (groups.stream().anyMatch(List.of("camunda-admin", "dnd-workflow-removers")::contains)) {
      permissions.add(DndPermission.REMOVE_WORKFLOWS);
    }
    return permissions;
  }

  public boolean isGranted(String userId, DndPermission permission) {
    return permissionsOf(userId).contains(permission);
  }

  public void require(String userId, DndPermission permission) {
    if (!isGranted(userId, permission)) {
      throw new DndAccessDeniedException(userId, permission);
    }
  }
}
