package org.dndguard.cockpit.internal;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * DND Guard's Cockpit plugin, found by Cockpit through {@code META-INF/services} whenever the
 * Camunda webapp is on the class path. Its server side is {@link DndCockpitRootResource} under
 * {@code /camunda/api/cockpit/plugin/dnd-guard}, behind Cockpit's login and CSRF protection; its
 * client side is {@code plugin-webapp/dnd-guard/app/plugin.js}, served by Cockpit from the class path.
 */
public class DndCockpitPlugin extends AbstractCockpitPlugin {

  /** The plugin's id: its path under Cockpit's plugin API and its asset folder {@code plugin-webapp/dnd-guard}. */
  public static final String ID = "dnd-guard";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(DndCockpitRootResource.class);
  }
}
