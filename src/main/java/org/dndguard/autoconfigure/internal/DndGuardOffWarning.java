package org.dndguard.autoconfigure.internal;

import org.dndguard.autoconfigure.DndProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Says loudly that DND Guard is switched off ({@code dnd.enabled=false}): marked steps then send to
 * contacts in DND. A listener from {@code spring.factories}, not a bean: switched off, DND Guard adds
 * no bean at all.
 */
public class DndGuardOffWarning implements ApplicationListener<ApplicationStartedEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(DndGuardOffWarning.class);

  @Override
  public void onApplicationEvent(ApplicationStartedEvent event) {
    if ("false".equalsIgnoreCase(event.getApplicationContext().getEnvironment()
        .getProperty(DndProperties.PREFIX + ".enabled", "true").strip())) {
      LOG.warn("DND Guard is switched off (dnd.enabled=false): steps marked with dnd.channel run without a DND"
          + " check, deployments are not validated, and DND Guard serves no endpoint and migrates no table");
    }
  }
}
