package org.dndguard.messaging.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dndguard.messaging.DispatchSummary;
import org.dndguard.messaging.OutboxWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the outbox worker on a thread of its own at a fixed delay, from the moment the application
 * has started until it stops. A thread of DND Guard's own rather than Spring's scheduling, so that
 * a host application's {@code @EnableScheduling} (or its absence) is untouched. On stop, the run
 * under way hands back the messages it has not started and is waited for.
 */
public class OutboxScheduler implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxScheduler.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final OutboxWorker worker;
  private final Duration interval;
  private ScheduledExecutorService executor;

  public OutboxScheduler(OutboxWorker worker, Duration interval) {
    this.worker = worker;
    this.interval = interval;
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    worker.resume();
    executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "dnd-outbox");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("DND Guard dispatches the outbox every {}", interval);
  }

  private void runOnce() {
    try {
      DispatchSummary summary = worker.dispatchDue();
      if (summary.claimed() > 0) {
        LOG.debug("Outbox dispatch: {}", summary);
      }
    } catch (RuntimeException e) {
      // the next run tries again; an exception here would end the schedule for good
      LOG.error("Outbox dispatch failed; trying again in {}", interval, e);
    }
  }

  @Override
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    worker.stop();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Outbox dispatch did not finish within {}; its claims are recovered after the claim timeout",
            STOP_WAIT);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
    executor = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
