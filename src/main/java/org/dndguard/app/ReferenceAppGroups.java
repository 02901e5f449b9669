package org.dndguard.app;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.dndguard.autoconfigure.AuthorizationProperties;
import org.dndguard.autoconfigure.DndProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The reference application runs with Camunda's authorization on ({@code camunda.bpm.authorization.enabled=true});
 * this gives DND Guard's groups ({@code dnd.authorization.*-groups}, by default {@code dndReaders},
 * {@code dndOperators}, {@code dndWorkflowRemovers}) what their work in Cockpit needs, and nothing else.
 * At start, each group is created when missing and gets the grants it lacks:
 * <ul>
 *   <li>every DND group: access to Cockpit, and reading process definitions, their instances, history
 *       and tasks (DND Guard's pages show a contact's workflows and skipped steps);</li>
 *   <li>the groups that remove workflows: deleting process instances, one by one or as a batch, which
 *       {@code POST .../workflow-removal} does in the engine as the calling user.</li>
 * </ul>
 * DND Guard's operators change DND and send messages in DND Guard's own tables; the workflows a DND
 * change wakes run in jobs, as the engine, so operators need no write grant in Camunda. Nobody of these
 * groups may read users, change groups or memberships, or deploy: only {@code camunda-admin} may.
 *
 * <p>Idempotent, and safe when several nodes of a cluster start at once: a group or grant that
 * another node created first (Camunda's unique keys refuse the second) is read back and completed.
 * A grant an administrator added in Camunda Admin is kept; one taken away comes back at the next start.
 */
@Component
class ReferenceAppGroups implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceAppGroups.class);
  private static final int ATTEMPTS = 5;

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final AuthorizationProperties groups; // null with dnd.enabled=false: no DND group to set up

  ReferenceAppGroups(ProcessEngine engine, ObjectProvider<DndProperties> properties) {
    this.identityService = engine.getIdentityService();
    this.authorizationService = engine.getAuthorizationService();
    DndProperties dnd = properties.getIfAvailable();
    this.groups = dnd == null ? null : dnd.authorization();
  }

  /** A grant: the permissions of one group on one resource (or {@code *}, every resource of the type). */
  record Grant(Resource resource, String resourceId, List<Permission> permissions) {
  }

  /** What each DND group may do in Camunda. */
  static final List<Grant> READER = List.of(
      new Grant(Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)),
      new Grant(Resources.PROCESS_DEFINITION, "*", List.of(ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
          ProcessDefinitionPermissions.READ_TASK)),
      new Grant(Resources.PROCESS_INSTANCE, "*", List.of(ProcessInstancePermissions.READ)),
      new Grant(Resources.TASK, "*", List.of(TaskPermissions.READ)));

  /** What the groups that remove contacts from all workflows may do on top of reading. */
  static final List<Grant> REMOVER = List.of(
      new Grant(Resources.PROCESS_DEFINITION, "*", List.of(ProcessDefinitionPermissions.DELETE_INSTANCE)),
      new Grant(Resources.PROCESS_INSTANCE, "*", List.of(ProcessInstancePermissions.DELETE)),
      new Grant(Resources.BATCH, "*", List.of(BatchPermissions.READ,
          BatchPermissions.CREATE_BATCH_DELETE_RUNNING_PROCESS_INSTANCES)));

  @Override
  public void afterSingletonsInstantiated() {
    if (groups == null) {
      return;
    }
    grantsByGroup().forEach((group, grants) -> {
      createGroupIfMissing(group);
      for (Grant grant : grants) {
        grant(group, grant);
      }
    });
  }

  /** Each DND group (but {@code camunda-admin}, which may do everything) with the grants it needs. */
  Map<String, List<Grant>> grantsByGroup() {
    Map<String, List<Grant>> byGroup = new LinkedHashMap<>();
    Set<String> all = new LinkedHashSet<>(groups.readerGroups());
    all.addAll(groups.operatorGroups());
    all.addAll(groups.removalGroups());
    all.remove(Groups.CAMUNDA_ADMIN);
    for (String group : all) {
      List<Grant> grants = new ArrayList<>(READER);
      if (groups.removalGroups().contains(group)) {
        grants.addAll(REMOVER);
      }
      byGroup.put(group, grants);
    }
    return byGroup;
  }

  private void createGroupIfMissing(String id) {
    for (int attempt = 1; ; attempt++) {
      if (identityService.createGroupQuery().groupId(id).count() > 0) {
        return;
      }
      try {
        Group group = identityService.newGroup(id);
        group.setName(id);
        group.setType(Groups.GROUP_TYPE_WORKFLOW);
        identityService.saveGroup(group);
        LOG.info("Created the Camunda group {} (DND Guard's permissions, dnd.authorization.*)", id);
        return;
      } catch (RuntimeException e) {
        // another node created it first: the next round finds it
        if (attempt >= ATTEMPTS) {
          throw new IllegalStateException("Could not create the Camunda group " + id + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private void grant(String group, Grant grant) {
    for (int attempt = 1; ; attempt++) {
      try {
        Authorization existing = authorizationService.createAuthorizationQuery()
            .authorizationType(AUTH_TYPE_GRANT)
            .groupIdIn(group)
            .resourceType(grant.resource())
            .resourceId(grant.resourceId())
            .singleResult();
        Authorization authorization = existing;
        if (authorization == null) {
          authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
          authorization.setGroupId(group);
          authorization.setResource(grant.resource());
          authorization.setResourceId(grant.resourceId());
        }
        boolean changed = existing == null;
        for (Permission permission : grant.permissions()) {
          if (existing == null || !existing.isPermissionGranted(permission)) {
            authorization.addPermission(permission);
            changed = true;
          }
        }
        if (changed) {
          authorizationService.saveAuthorization(authorization);
          LOG.info("Granted the Camunda group {} {} on {} {}", group, grant.permissions().stream()
              .map(Permission::getName).toList(), grant.resource().resourceName(), grant.resourceId());
        }
        return;
      } catch (RuntimeException e) {
        // another node created or changed the same grant at once (unique key, optimistic lock): read it again
        if (attempt >= ATTEMPTS) {
          throw new IllegalStateException("Could not grant the Camunda group " + group + " "
              + grant.permissions() + " on " + grant.resource().resourceName() + " " + grant.resourceId()
              + ": " + e.getMessage(), e);
        }
      }
    }
  }
}
