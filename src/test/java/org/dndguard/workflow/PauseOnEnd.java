package org.dndguard.workflow;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * The end listener of {@code contact-pauses-when-ended}: when armed, the first instance that ends
 * waits inside its (still open) transaction until the test lets it go.
 */
public class PauseOnEnd implements ExecutionListener {

  private static volatile CountDownLatch reached = new CountDownLatch(0);
  private static volatile CountDownLatch go = new CountDownLatch(0);
  private static final AtomicInteger ENDS = new AtomicInteger();

  /** Makes the next end pause; returns the latch that opens when it does. */
  static CountDownLatch arm() {
    ENDS.set(0);
    go = new CountDownLatch(1);
    reached = new CountDownLatch(1);
    return reached;
  }

  static void release() {
    go.countDown();
  }

  /** How often an end listener ran since {@link #arm()}, rolled-back attempts included. */
  static int ends() {
    return ENDS.get();
  }

  @Override
  public void notify(DelegateExecution execution) throws Exception {
    ENDS.incrementAndGet();
    if (reached.getCount() > 0) {
      reached.countDown();
      if (!go.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let the paused end go");
      }
    }
  }
}
