package org.dndguard.engine.camunda;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.dndguard.engine.ProcessInstanceContacts;

/**
 * The process engine plugin that keeps the contact index ({@link ProcessInstanceContacts}; the
 * workflow package's {@code ContactInstanceIndex}) in step with the engine: a row when an instance
 * starts or gets its contact, removed in the transaction that ends the instance.
 */
public class ContactInstanceIndexPlugin extends AbstractProcessEnginePlugin {

  private final ProcessInstanceContacts index;
  private final ContactInstanceTracker tracker;

  public ContactInstanceIndexPlugin(ProcessInstanceContacts index) {
    this.index = index;
    this.tracker = new ContactInstanceTracker(index);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    requireSpringTransactions(configuration);
    registerPendingWrites(configuration);
    registerParseListener(configuration);
    registerHistoryEventHandler(configuration);
  }

  /** The index is written through Spring's JDBC support, which joins the engine's transaction only there. */
  private static void requireSpringTransactions(ProcessEngineConfigurationImpl configuration) {
    if (!(configuration instanceof SpringTransactionsProcessEngineConfiguration spring)
        || spring.getTransactionManager() == null) {
      throw new IllegalStateException("DND Guard's contact index needs a process engine whose transactions"
          + " Spring manages (SpringProcessEngineConfiguration with a transaction manager, as the Camunda Spring"
          + " Boot starter configures it); this engine is configured by " + configuration.getClass().getName());
    }
  }

  private void registerPendingWrites(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new PendingIndexWrites.Factory(index));
  }

  private void registerParseListener(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(tracker);
  }

  private void registerHistoryEventHandler(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(tracker);
  }
}
