package org.dndguard.engine.camunda;

import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.InternalApi;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.engine.DndGuard;
import org.dndguard.engine.camunda.internal.CommandConnectionDataSource;
import org.dndguard.engine.camunda.internal.DeferredStepJobHandler;
import org.dndguard.engine.camunda.internal.DndParseListener;
import org.dndguard.engine.camunda.internal.EngineLists;
import org.dndguard.engine.camunda.internal.PendingSkipRecords;
import org.dndguard.engine.internal.StepGuard;

/**
 * The process engine plugin: it registers a post BPMN parse listener that guards every element
 * marked with {@code dnd.channel}, and refuses deployments whose marks cannot be honoured.
 *
 * <p>In a Spring Boot application the auto-configuration creates it as a bean, with DND Guard's
 * beans. In a {@code camunda.cfg.xml}, a process application's {@code processes.xml} or a shared
 * engine's {@code bpm-platform.xml} it is created with no arguments, configured by its setters
 * ({@code contactVariable}, {@code defaultRegion}, {@code schemaMigrate}), and builds DND Guard
 * on the engine's own data source once the engine has initialised it.
 */
public class DndGuardPlugin extends SelfBuildingPlugin {

  private volatile StepGuard stepGuard;
  private String defaultRegion = "US";

  /** For {@code camunda.cfg.xml}: DND Guard is built on the engine's data source. */
  public DndGuardPlugin() {
    super(true);
  }

  /** For applications that build DND Guard themselves (the Spring Boot auto-configuration does). */
  @InternalApi
  public DndGuardPlugin(StepGuard stepGuard) {
    super(false);
    this.stepGuard = Objects.requireNonNull(stepGuard, "stepGuard");
  }

  /**
   * The ISO 3166 region in which phone numbers without a country code are read, when the plugin
   * builds DND Guard itself ({@code dnd.default-region}; default {@code US}).
   */
  public void setDefaultRegion(String defaultRegion) {
    try {
      new AddressNormalizer(defaultRegion);
    } catch (InvalidDndInputException e) {
      throw new IllegalArgumentException("The plugin property 'defaultRegion': " + e.getMessage(), e);
    }
    this.defaultRegion = defaultRegion.trim();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    registerParseListener(configuration);
    registerJobHandlers(configuration);
    registerPendingSkipRecords(configuration);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    buildStepGuardIfNeeded(configuration);
  }

  private void registerParseListener(ProcessEngineConfigurationImpl configuration) {
    // a post listener: behaviours set by other post listeners (Connect's connectors) exist by the
    // time DndParseListener wraps them at the end of the parse
    EngineLists.add(configuration::getCustomPostBPMNParseListeners, configuration::setCustomPostBPMNParseListeners,
        new DndParseListener(this::stepGuard));
  }

  private void registerJobHandlers(ProcessEngineConfigurationImpl configuration) {
    // the timer that wakes a step deferred by quiet hours
    EngineLists.add(configuration::getCustomJobHandlers, configuration::setCustomJobHandlers,
        new DeferredStepJobHandler());
  }

  private static void registerPendingSkipRecords(ProcessEngineConfigurationImpl configuration) {
    // a command's skip records are written in one batch when it flushes, in its transaction
    EngineLists.add(configuration::getCustomSessionFactories, configuration::setCustomSessionFactories,
        new PendingSkipRecords.Factory());
  }

  private void buildStepGuardIfNeeded(ProcessEngineConfigurationImpl configuration) {
    if (stepGuard == null) {
      // the engine's data source exists only once init has run, which is why this waits for postInit;
      // a step reads DND on its command's connection, never a second one while the command holds it
      DataSource dataSource = new CommandConnectionDataSource(configuration.getDataSource());
      stepGuard = DndGuard.builder(dataSource).contactVariable(contactVariable)
          .defaultRegion(defaultRegion).migrateSchema(schemaMigrate).build().stepGuard();
    }
  }

  /** The contact variable of the DND Guard this plugin builds; empty when it was given a step guard. */
  Optional<String> ownContactVariable() {
    return buildsItself ? Optional.of(contactVariable) : Optional.empty();
  }

  StepGuard stepGuard() {
    StepGuard guard = stepGuard;
    if (guard == null) {
      throw new IllegalStateException("DND Guard's plugin has not been initialised by a process engine yet");
    }
    return guard;
  }
}
