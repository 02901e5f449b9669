package org.dndguard.engine;

import org.dndguard.InternalApi;
import org.dndguard.engine.internal.Delivery;

/**
 * DND Guard's durable deliveries, in the process engine's job table: the only way DND Guard's code
 * outside {@code engine.camunda} asks the engine to do something later. A host's test with the job
 * executor off calls {@link #deliverPending()} to deliver {@code DndChanged} and {@code InboundSms}.
 */
public interface DeliveryQueue {

  /**
   * Records the delivery in the caller's transaction (on the caller's connection): it commits, or
   * rolls back, with the change that made it necessary. Without a transaction it commits at once.
   */
  @InternalApi
  void schedule(Delivery delivery);

  /**
   * Does every pending delivery in the calling thread, including those they schedule, and returns
   * how many succeeded; failures count an attempt as they do in the job executor. For tests and for
   * engines whose job executor is off. Like the job executor, it leaves the deliveries to a suspended
   * process instance until the instance is activated.
   */
  int deliverPending();

  /**
   * How many deliveries are waiting, failed ones with attempts left and those to a suspended process
   * instance included.
   */
  long pending();

  /** How many deliveries have spent their attempts: each is an incident in Cockpit. */
  long failed();
}
