package org.dndguard.testsupport;

import org.dndguard.engine.internal.Delivery;
import org.dndguard.engine.DeliveryQueue;

/**
 * A delivery queue for fixtures with no process engine behind them, whose tests never reach a
 * delivery: any use fails the test loudly, so it cannot hide a delivery that should have happened.
 */
public final class NoDeliveries implements DeliveryQueue {

  @Override
  public void schedule(Delivery delivery) {
    throw new AssertionError("This fixture has no process engine; it cannot deliver " + delivery.kind());
  }

  @Override
  public int deliverPending() {
    throw new AssertionError("This fixture has no process engine");
  }

  @Override
  public long pending() {
    return 0;
  }

  @Override
  public long failed() {
    return 0;
  }
}
