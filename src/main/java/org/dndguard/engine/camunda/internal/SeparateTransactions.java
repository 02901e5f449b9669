package org.dndguard.engine.camunda.internal;

import java.util.function.Supplier;
import org.camunda.bpm.engine.context.ProcessEngineContext;
import org.camunda.bpm.engine.impl.context.ProcessEngineContextImpl;
import org.dndguard.engine.internal.EngineTransactions;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction of its own, with a process engine context of its own. Both halves
 * matter: Spring's REQUIRES_NEW alone would leave engine calls reusing the caller's engine context
 * (whose changes flush with the caller's transaction), and a new engine context alone would still
 * join the caller's Spring transaction, so one failure would doom the caller too.
 *
 * <p>A new transaction while the caller holds one needs a second pooled connection while the first
 * is held, which deadlocks a busy pool (every thread holds one and waits for another). So work is
 * separated only when the caller has no transaction; inside one (a service task, a delivery job) it
 * joins the caller's transaction and fails or commits with it: see {@link #runJoiningCaller}.
 * Conflicts are {@link EngineConflicts}.
 */
public final class SeparateTransactions implements EngineTransactions {

  private final TransactionTemplate requiresNew;

  public SeparateTransactions(PlatformTransactionManager transactionManager) {
    this.requiresNew = new TransactionTemplate(transactionManager);
    this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public boolean callerHasTransaction() {
    return TransactionSynchronizationManager.isActualTransactionActive();
  }

  @Override
  public <T> T runJoiningCaller(Supplier<T> work) {
    return callerHasTransaction() ? work.get() : runSeparately(work);
  }

  @Override
  public <T> T runSeparately(Supplier<T> work) {
    return requiresNew.execute(status -> {
      // restore rather than clear: a caller may itself have asked for a new engine context
      boolean callerAskedForNew = ProcessEngineContextImpl.get();
      ProcessEngineContext.requiresNew();
      try {
        return work.get();
      } finally {
        ProcessEngineContextImpl.set(callerAskedForNew);
      }
    });
  }

  @Override
  public boolean isConflict(Throwable failure) {
    return EngineConflicts.isConflict(failure);
  }

  @Override
  public boolean pauseAfterConflict(int attempt) {
    return EngineConflicts.pause(attempt);
  }
}
