package org.dndguard.engine.camunda;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.dndguard.contact.AddressNormalizer;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.engine.DndGuard;
import org.dndguard.engine.StepGuard;

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
public class DndGuardPlugin extends AbstractProcessEnginePlugin {

  private final boolean buildsDndGuard;
  private volatile StepGuard stepGuard;
  private String contactVariable = "contactId";
  private String defaultRegion = "US";
  private boolean schemaMigrate = true;

  /** For {@code camunda.cfg.xml}: DND Guard is built on the engine's data source. */
  public DndGuardPlugin() {
    this.buildsDndGuard = true;
  }

  /** For applications that build DND Guard themselves (the Spring Boot auto-configuration does). */
  public DndGuardPlugin(StepGuard stepGuard) {
    this.stepGuard = Objects.requireNonNull(stepGuard, "stepGuard");
    this.buildsDndGuard = false;
  }

  /**
   * The process variable holding the contact id, when the plugin builds DND Guard itself
   * ({@code dnd.contact-variable}; default {@code contactId}).
   */
  public void setContactVariable(String contactVariable) {
    this.contactVariable = PluginSettings.name("contactVariable", contactVariable, "contactId");
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

  /**
   * Whether the plugin brings DND Guard's tables up to date when it builds DND Guard itself
   * ({@code dnd.schema.migrate}; {@code true} or {@code false}, default {@code true}). With
   * {@code false} a DBA runs the scripts of {@code db/dndguard}, and the engine refuses to start
   * while one is missing.
   */
  public void setSchemaMigrate(String schemaMigrate) {
    this.schemaMigrate = PluginSettings.flag("schemaMigrate", schemaMigrate);
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
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new DndParseListener(this::stepGuard));
  }

  private void registerJobHandlers(ProcessEngineConfigurationImpl configuration) {
    // the timer that wakes a step deferred by quiet hours
    List<JobHandler> handlers = configuration.getCustomJobHandlers();
    if (handlers == null) {
      handlers = new ArrayList<>();
      configuration.setCustomJobHandlers(handlers);
    }
    handlers.add(new DeferredStepJobHandler());
  }

  private static void registerPendingSkipRecords(ProcessEngineConfigurationImpl configuration) {
    // a command's skip records are written in one batch when it flushes, in its transaction
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new PendingSkipRecords.Factory());
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
    return buildsDndGuard ? Optional.of(contactVariable) : Optional.empty();
  }

  StepGuard stepGuard() {
    StepGuard guard = stepGuard;
    if (guard == null) {
      throw new IllegalStateException("DND Guard's plugin has not been initialised by a process engine yet");
    }
    return guard;
  }
}
