package org.dndguard.engine.camunda;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.dndguard.engine.camunda.internal.PluginSettings;

/**
 * What DND Guard's engine plugins share when a {@code processes.xml}, {@code bpm-platform.xml} or
 * {@code camunda.cfg.xml} creates them with no arguments, so that they build their part on the
 * engine's own data source: the settings they read, under the same names and by the same rules.
 * The guard and the contact index of one engine must find the contact in the same variable, and
 * both migrate (or only check) the same tables, so one declaration serves both.
 */
abstract class SelfBuildingPlugin extends AbstractProcessEnginePlugin {

  /** Whether the plugin was created with no arguments and builds its part on the engine's data source. */
  final boolean buildsItself;
  // read by the plugins of this package when they build their part
  String contactVariable = "contactId";
  boolean schemaMigrate = true;

  /** @param buildsItself whether the plugin builds its part (no-argument constructor) or was given it */
  SelfBuildingPlugin(boolean buildsItself) {
    this.buildsItself = buildsItself;
  }

  /**
   * The process variable holding a workflow's contact id, when the plugin builds its part itself
   * ({@code dnd.contact-variable}; default {@code contactId}). The guard plugin and the contact
   * index plugin of one engine must have the same.
   */
  public void setContactVariable(String contactVariable) {
    this.contactVariable = PluginSettings.name("contactVariable", contactVariable, "contactId");
  }

  /**
   * Whether the plugin brings DND Guard's tables up to date when it builds its part itself
   * ({@code dnd.schema.migrate}; {@code true} or {@code false}, default {@code true}). With
   * {@code false} a DBA runs the scripts of {@code db/dndguard}, and the engine refuses to start
   * while one is missing.
   */
  public void setSchemaMigrate(String schemaMigrate) {
    this.schemaMigrate = PluginSettings.flag("schemaMigrate", schemaMigrate);
  }
}
