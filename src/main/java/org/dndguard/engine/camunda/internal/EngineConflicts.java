package org.dndguard.engine.camunda.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;

/**
 * The one answer to "the engine met a concurrent change": what counts as one, and how long to wait
 * before trying again. Used by removal (retried in the caller's thread) and by DND Guard's delivery
 * jobs (retried by the job executor, see {@link DeliveryRetryCmd}).
 */
public final class EngineConflicts {

  private static final long FIRST_CEILING_MILLIS = 40;
  private static final long LONGEST_CEILING_MILLIS = 2_000;

  private EngineConflicts() {
  }

  /** An optimistic locking conflict, or a deadlock the database broke: the data changed meanwhile. */
  public static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OptimisticLockingException
          || t instanceof ProcessEngineException engine && engine.getCode() == BuiltinExceptionCode.DEADLOCK.getCode()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The wait before attempt {@code attempt + 1} (attempts count from 1): it doubles per attempt up to
   * a ceiling, and is drawn at random from the upper half, so that two parties that met do not meet
   * again at the same moment.
   */
  public static Duration backoff(int attempt) {
    long ceiling = Math.min(LONGEST_CEILING_MILLIS, FIRST_CEILING_MILLIS << Math.min(Math.max(attempt - 1, 0), 10));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }

  /** Sleeps for {@link #backoff}; false when interrupted (the interrupt is kept), and then there is no next attempt. */
  public static boolean pause(int attempt) {
    try {
      Thread.sleep(backoff(attempt).toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
