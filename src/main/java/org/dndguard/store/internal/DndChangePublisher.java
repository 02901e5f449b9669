package org.dndguard.store.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.dndguard.store.DndChangedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells DND Guard's own handlers and then the application's listeners of a {@link DndChangedEvent},
 * inside the change's transaction, so that what they write (the {@code DndChanged} delivery job)
 * commits with the change, but so that none of them can roll the change back: each runs in a
 * savepoint of that transaction (a nested transaction on the same connection, never a second one).
 * One that throws is rolled back to its savepoint, logged and counted as {@value #FAILURES} with the
 * tag {@code listener} = {@code dnd-guard} (DND Guard's own delivery could not be recorded) or
 * {@code application} (a listener of the host's threw); the change, its audit rows and DND Guard's
 * delivery commit all the same. An opt-out must never be lost to a listener.
 */
public final class DndChangePublisher {

  /** The Micrometer counter of listeners that threw; alert when it grows. */
  public static final String FAILURES = "dnd.events.listener.failures";

  private static final Logger LOG = LoggerFactory.getLogger(DndChangePublisher.class);

  private final ApplicationEventPublisher events;
  private final Supplier<List<DndChangedHandler>> own;
  private final TransactionTemplate savepoint;
  private final Counter ownFailures;
  private final Counter applicationFailures;
  private volatile boolean savepoints = true;

  /**
   * @param events the application's listeners
   * @param own DND Guard's own handlers, asked for at each change (they are wired after the store)
   * @param transactions the transaction manager of the change's transactions; it must support
   *     savepoints (Spring's JDBC and JPA managers do)
   * @param registry where {@value #FAILURES} is counted
   */
  public DndChangePublisher(ApplicationEventPublisher events, Supplier<List<DndChangedHandler>> own,
      PlatformTransactionManager transactions, MeterRegistry registry) {
    this.events = events;
    this.own = own;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.ownFailures = counter(registry, "dnd-guard");
    this.applicationFailures = counter(registry, "application");
  }

  private static Counter counter(MeterRegistry registry, String listener) {
    return Counter.builder(FAILURES)
        .description("Listeners of DndChangedEvent that threw; the DND change committed without what they did")
        .tag("listener", listener)
        .register(registry);
  }

  /** Publishes a change inside its transaction: DND Guard's handlers first, then the application's listeners. */
  public void publish(DndChangedEvent event) {
    for (DndChangedHandler handler : own.get()) {
      isolated(event, ownFailures, "DND Guard's own handler " + handler.getClass().getSimpleName()
          + " (the DndChanged delivery was not recorded)", () -> handler.onDndChanged(event));
    }
    isolated(event, applicationFailures, "an application listener of DndChangedEvent",
        () -> events.publishEvent(event));
  }

  private void isolated(DndChangedEvent event, Counter failures, String who, Runnable listener) {
    try {
      if (savepoints && TransactionSynchronizationManager.isActualTransactionActive()) {
        try {
          savepoint.executeWithoutResult(status -> listener.run());
          return;
        } catch (NestedTransactionNotSupportedException e) {
          // refused before the listener ran (a JTA manager, say): run it unisolated, as before savepoints
          savepoints = false;
          LOG.warn("The transaction manager has no savepoints ({}): a listener of DndChangedEvent that fails"
              + " can roll back the DND change; use Spring's JDBC (DataSource) transaction manager", e.getMessage());
        }
      }
      listener.run();
    } catch (RuntimeException e) {
      failures.increment();
      LOG.error("{} failed for the DND change of contact {} ({} {}, reason {}); the change commits all the same,"
              + " without what the listener did", who, event.contactId(),
          event.topic() != null ? "topic " + event.topic() : event.target(), event.active() ? "set" : "cleared",
          event.reason(), e);
    }
  }
}
