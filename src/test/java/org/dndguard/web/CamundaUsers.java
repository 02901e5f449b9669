package org.dndguard.web;

import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;

/** Camunda users made as an administrator makes them in Camunda Admin: a password and some groups. */
final class CamundaUsers {

  private CamundaUsers() {
  }

  /** A new user whose password is {@code pw-<id>}, member of the groups (made when missing). */
  static String create(IdentityService identityService, String... groups) {
    // Camunda allows letters and digits only in ids
    String id = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    User user = identityService.newUser(id);
    user.setPassword(password(id));
    identityService.saveUser(user);
    for (String group : groups) {
      if (identityService.createGroupQuery().groupId(group).count() == 0) {
        Group newGroup = identityService.newGroup(group);
        newGroup.setName(group);
        identityService.saveGroup(newGroup);
      }
      identityService.createMembership(id, group);
    }
    return id;
  }

  static String password(String user) {
    return "pw-" + user;
  }
}
