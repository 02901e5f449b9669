package org.dndguard.web;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.dndguard.InternalApi;
import org.dndguard.engine.internal.EngineIdentity;

/**
 * What a Camunda user may do with DND Guard, decided by the user's Camunda groups (those Camunda
 * Admin manages) and the groups DND Guard's properties name for each permission. Members of the
 * groups that may change DND or remove workflows may also read.
 *
 * <p>Asked on every request, never cached: a user taken out of a group loses the permission at once.
 */
public class DndAuthorization {

  private final IdentityService identityService;
  private final EngineIdentity engineIdentity;
  private final Map<DndPermission, Set<String>> grantingGroups;

  /**
   * @param identityService Camunda's users and groups
   * @param engineIdentity the thread's identity in the engine, stepped out of to read a user's groups
   * @param readerGroups the groups that may read
   * @param operatorGroups the groups that may change DND and send manual messages (and read)
   * @param removalGroups the groups that may remove a contact from all workflows (and read)
   */
  @InternalApi
  public DndAuthorization(IdentityService identityService, EngineIdentity engineIdentity,
      Collection<String> readerGroups, Collection<String> operatorGroups, Collection<String> removalGroups) {
    this.identityService = Objects.requireNonNull(identityService, "identityService");
    this.engineIdentity = Objects.requireNonNull(engineIdentity, "engineIdentity");
    Set<String> readers = new LinkedHashSet<>(clean(readerGroups));
    readers.addAll(clean(operatorGroups));
    readers.addAll(clean(removalGroups));
    Map<DndPermission, Set<String>> groups = new EnumMap<>(DndPermission.class);
    groups.put(DndPermission.READ, Collections.unmodifiableSet(readers));
    groups.put(DndPermission.CHANGE, clean(operatorGroups));
    groups.put(DndPermission.REMOVE_WORKFLOWS, clean(removalGroups));
    this.grantingGroups = Collections.unmodifiableMap(groups);
  }

  /** The user's permissions; none for a null or unknown user, or one in none of the groups. */
  public Set<DndPermission> permissionsOf(String userId) {
    if (userId == null || userId.isBlank()) {
      return Collections.unmodifiableSet(EnumSet.noneOf(DndPermission.class));
    }
    Set<String> groups = groupsOf(userId);
    EnumSet<DndPermission> permissions = EnumSet.noneOf(DndPermission.class);
    grantingGroups.forEach((permission, granting) -> {
      if (granting.stream().anyMatch(groups::contains)) {
        permissions.add(permission);
      }
    });
    return Collections.unmodifiableSet(permissions);
  }

  /**
   * The user's Camunda groups, read as the engine: with Camunda's authorization on, a query made as the
   * user (in Cockpit, or in an API request) would show only the groups the user may read, often none.
   */
  @InternalApi
  public Set<String> groupsOf(String userId) {
    return engineIdentity.asEngine(() -> identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  public boolean isGranted(String userId, DndPermission permission) {
    return permissionsOf(userId).contains(Objects.requireNonNull(permission, "permission"));
  }

  /**
   * Passes when the user holds the permission.
   *
   * @throws DndAccessDeniedException when not (answered as a 403 problem naming the permission)
   */
  public void require(String userId, DndPermission permission) {
    if (!isGranted(userId, permission)) {
      throw new DndAccessDeniedException(userId, permission, grantingGroups.get(permission));
    }
  }

  /** The Camunda groups that grant the permission. */
  public Set<String> groupsGranting(DndPermission permission) {
    return grantingGroups.get(permission);
  }

  private static Set<String> clean(Collection<String> groups) {
    if (groups == null) {
      return Set.of();
    }
    Set<String> cleaned = groups.stream()
        .filter(Objects::nonNull)
        .map(String::strip)
        .filter(g -> !g.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
    return Collections.unmodifiableSet(cleaned);
  }
}
