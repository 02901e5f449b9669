package org.dndguard.engine.internal;

/**
 * Does one kind of {@link Delivery}. It runs in the job's transaction, which commits the work and
 * deletes the job together; it throws to roll both back, and the job is tried again later (with a
 * back-off), until its attempts are spent and it becomes an incident.
 */
public interface DeliveryHandler {

  /** The kind of delivery this handler does; unique among handlers. */
  String kind();

  /** Does the work, in the job's transaction; may schedule further deliveries in it. */
  void deliver(Delivery delivery);
}
