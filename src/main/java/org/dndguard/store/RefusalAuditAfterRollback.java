package org.dndguard.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dndguard.store.internal.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps a refusal on record when the caller's transaction, which held the refusal's audit row,
 * rolls back (a workflow step that fails on the refusal, say).
 *
 * <p>Why not a transaction of its own at once: that needs a second pooled connection while the
 * caller's is held, and as many concurrent refusals as the pool has connections then wait for each
 * other forever. And not in the rollback's completion callback either: the caller's connection is
 * still bound there. So the row is handed to one writer thread of its own, which holds at most one
 * connection and takes it only after the caller's is on its way back to the pool. Should the node
 * stop in the milliseconds between the rollback and the write, the refusal's row is lost, but
 * nothing changed: the refused change was not made.
 */
final class RefusalAuditAfterRollback {

  private static final Logger LOG = LoggerFactory.getLogger(RefusalAuditAfterRollback.class);

  private final AuditTrail audit;
  private final TransactionTemplate transaction;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "dnd-refusal-audit");
    thread.setDaemon(true);
    return thread;
  });

  RefusalAuditAfterRollback(AuditTrail audit, PlatformTransactionManager transactions) {
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Writes the row again, after the current transaction completes, if it rolled back. */
  void keepIfRolledBack(AuditRecord row) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(int status) {
        if (status != STATUS_COMMITTED) {
          writer.execute(() -> write(row));
        }
      }
    });
  }

  private void write(AuditRecord row) {
    try {
      transaction.executeWithoutResult(tx -> audit.append(row));
    } catch (RuntimeException e) {
      LOG.error("The refusal for contact {} could not be audited after its caller rolled back: {}",
          row.contactId(), row.message(), e);
    }
  }
}
