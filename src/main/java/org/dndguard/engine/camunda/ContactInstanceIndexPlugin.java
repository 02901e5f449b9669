package org.dndguard.engine.camunda;

import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.dndguard.InternalApi;
import org.dndguard.engine.DndGuard;
import org.dndguard.engine.camunda.internal.CommandConnectionDataSource;
import org.dndguard.engine.camunda.internal.ContactInstanceTracker;
import org.dndguard.engine.camunda.internal.EngineLists;
import org.dndguard.engine.camunda.internal.PendingIndexWrites;
import org.dndguard.engine.internal.ProcessInstanceContacts;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndTables;

/**
 * The process engine plugin that keeps the contact index ({@link ProcessInstanceContacts}; the
 * workflow package's {@code ContactInstanceIndex}) in step with the engine: a row when an instance
 * starts or gets its contact, removed in the transaction that ends the instance.
 *
 * <p>In a Spring Boot application the auto-configuration creates it with the index, which writes
 * through Spring's JDBC support and so joins the engine's transaction only when Spring manages it.
 * In a {@code processes.xml}, {@code bpm-platform.xml} or {@code camunda.cfg.xml} it is created with
 * no arguments and configured by its setters ({@code contactVariable}, {@code schemaMigrate}); it
 * then builds the index itself and writes it on each engine command's own connection, so a row
 * commits and rolls back with the command whoever manages the engine's transactions.
 */
public class ContactInstanceIndexPlugin extends SelfBuildingPlugin {

  private final ContactInstanceTracker tracker = new ContactInstanceTracker(this::index);
  private volatile ProcessInstanceContacts index;

  /** For {@code processes.xml}, {@code bpm-platform.xml} and {@code camunda.cfg.xml}: the index is built on the engine's data source. */
  public ContactInstanceIndexPlugin() {
    super(true);
  }

  /** For applications whose index writes through Spring-managed transactions (the Spring Boot auto-configuration). */
  @InternalApi
  public ContactInstanceIndexPlugin(ProcessInstanceContacts index) {
    super(false);
    this.index = Objects.requireNonNull(index, "index");
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (buildsItself) {
      requireTheGuardsContactVariable(configuration);
    } else {
      requireSpringTransactions(configuration);
    }
    registerPendingWrites(configuration);
    registerParseListener(configuration);
    registerHistoryEventHandler(configuration);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (buildsItself) {
      // the engine's data source exists only once init has run, which is why this waits for postInit
      DndSchema schema = DndGuard.schema(configuration.getDataSource(), schemaMigrate);
      index = factory().create(new DndTables(new CommandConnectionDataSource(), schema), contactVariable);
    }
  }

  /** The index is written through Spring's JDBC support, which joins the engine's transaction only there. */
  private static void requireSpringTransactions(ProcessEngineConfigurationImpl configuration) {
    if (!(configuration instanceof SpringTransactionsProcessEngineConfiguration spring)
        || spring.getTransactionManager() == null) {
      throw new IllegalStateException("DND Guard's contact index needs a process engine whose transactions"
          + " Spring manages (SpringProcessEngineConfiguration with a transaction manager, as the Camunda Spring"
          + " Boot starter configures it); this engine is configured by " + configuration.getClass().getName()
          + ". Without Spring, register the plugin with its no-argument constructor (as processes.xml does)");
    }
  }

  /** An index on another variable than the guard's would find no workflow of the contacts the guard sees. */
  private void requireTheGuardsContactVariable(ProcessEngineConfigurationImpl configuration) {
    for (ProcessEnginePlugin plugin : configuration.getProcessEnginePlugins()) {
      if (plugin instanceof DndGuardPlugin guard) {
        guard.ownContactVariable().filter(guards -> !guards.equals(contactVariable)).ifPresent(guards -> {
          throw new IllegalStateException("DND Guard's plugins on process engine '"
              + configuration.getProcessEngineName() + "' read the contact from different variables: DndGuardPlugin"
              + " from '" + guards + "', ContactInstanceIndexPlugin from '" + contactVariable + "'; give both the"
              + " same contactVariable property");
        });
      }
    }
  }

  private static ProcessInstanceContacts.Factory factory() {
    // the class loader that loaded the plugin: on a shared engine, that of the server's lib folder
    Iterator<ProcessInstanceContacts.Factory> factories = ServiceLoader.load(ProcessInstanceContacts.Factory.class,
        ContactInstanceIndexPlugin.class.getClassLoader()).iterator();
    if (!factories.hasNext()) {
      throw new IllegalStateException("DND Guard's contact index is not on the class path of the plugin: "
          + "META-INF/services/" + ProcessInstanceContacts.Factory.class.getName()
          + " is missing; put the whole dnd-guard jar next to the engine's");
    }
    return factories.next();
  }

  private void registerPendingWrites(ProcessEngineConfigurationImpl configuration) {
    EngineLists.add(configuration::getCustomSessionFactories, configuration::setCustomSessionFactories,
        new PendingIndexWrites.Factory(this::index));
  }

  private void registerParseListener(ProcessEngineConfigurationImpl configuration) {
    EngineLists.add(configuration::getCustomPostBPMNParseListeners, configuration::setCustomPostBPMNParseListeners,
        tracker);
  }

  private void registerHistoryEventHandler(ProcessEngineConfigurationImpl configuration) {
    EngineLists.add(configuration::getCustomHistoryEventHandlers, configuration::setCustomHistoryEventHandlers,
        tracker);
  }

  private ProcessInstanceContacts index() {
    ProcessInstanceContacts contacts = index;
    if (contacts == null) {
      throw new IllegalStateException("DND Guard's contact index plugin has not been initialised by a process engine yet");
    }
    return contacts;
  }
}
