package org.dndguard.workflow;

import java.util.function.Supplier;
import org.camunda.bpm.engine.context.ProcessEngineContext;
import org.camunda.bpm.engine.impl.context.ProcessEngineContextImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction of its own, with a process engine context of its own, whoever calls:
 * a REST request, a service task of another process instance, or an after-commit listener. Both
 * halves matter: Spring's REQUIRES_NEW alone would leave engine calls reusing the caller's engine
 * context (whose changes flush with the caller's transaction), and a new engine context alone would
 * still join the caller's Spring transaction, so one failure would doom the caller too.
 */
final class SeparateTransactions {

  private final TransactionTemplate requiresNew;

  SeparateTransactions(PlatformTransactionManager transactionManager) {
    this.requiresNew = new TransactionTemplate(transactionManager);
    this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  <T> T run(Supplier<T> work) {
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
}
