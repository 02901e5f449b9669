package org.dndguard.autoconfigure;

import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Tells a host whose engine runs with Camunda's authorization off, once at start, what that means
 * for DND Guard: its permissions follow Camunda group membership, and without authorization any
 * Camunda user may change groups and memberships through Camunda's REST API, e.g. join
 * {@code camunda-admin}, and may read users, deploy models and delete instances there.
 */
class CamundaAuthorizationWarning implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaAuthorizationWarning.class);

  static final String WARNING = "Camunda's authorization is off: DND Guard's permissions (dnd.authorization.*)"
      + " are decided by Camunda group membership, and without authorization any Camunda user can change groups"
      + " and memberships, e.g. add itself to camunda-admin through /engine-rest, then change DND, send messages and"
      + " remove contacts from all workflows; it can also read every user, deploy models and delete process"
      + " instances there. Set camunda.bpm.authorization.enabled=true and grant DND Guard's groups what they need"
      + " (docs/host-application.md, \"Camunda's authorization\").";

  private final ProcessEngine engine;

  CamundaAuthorizationWarning(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!engine.getProcessEngineConfiguration().isAuthorizationEnabled()) {
      LOG.warn(WARNING);
    }
  }
}
