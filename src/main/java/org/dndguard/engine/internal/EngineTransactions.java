package org.dndguard.engine.internal;

import java.util.function.Supplier;

/**
 * Transactions of work that calls the engine, and what counts as a conflict in them. A transaction of
 * its own needs a process engine context of its own too (else engine calls would flush with the
 * caller's), and that is Camunda-internal: so the engine adapter implements this
 * ({@code org.dndguard.engine.camunda.internal.SeparateTransactions}).
 *
 * <p>A new transaction while the caller holds one needs a second pooled connection while the first is
 * held, which deadlocks a busy pool; so {@link #runJoiningCaller} separates the work only when the
 * caller has no transaction.
 */
public interface EngineTransactions {

  /** Whether the calling thread is inside a transaction, so that {@link #runJoiningCaller} joins it. */
  boolean callerHasTransaction();

  /**
   * Runs the work in a transaction and engine context of its own when the caller has no transaction,
   * else in the caller's: never a second connection while the caller's is held.
   */
  <T> T runJoiningCaller(Supplier<T> work);

  /**
   * Runs the work in a new transaction and engine context. Call it only where the caller holds no
   * connection (no transaction): otherwise it takes a second one.
   */
  <T> T runSeparately(Supplier<T> work);

  /**
   * Whether the failure is the engine meeting a concurrent change (an optimistic locking conflict, or
   * a deadlock the database broke), so that trying again may succeed.
   */
  boolean isConflict(Throwable failure);

  /**
   * Waits before attempt {@code attempt + 1} after a conflict (attempts count from 1), longer with
   * each attempt; false when the thread was interrupted (the interrupt is kept), and then there is no
   * next attempt.
   */
  boolean pauseAfterConflict(int attempt);
}
