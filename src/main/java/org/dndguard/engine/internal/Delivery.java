package org.dndguard.engine.internal;

import java.util.Objects;

/**
 * One piece of work DND Guard hands to the process engine's job executor, recorded in the
 * transaction that makes it necessary (a DND change, an inbound text) and done afterwards, at least
 * once, on any node, in a transaction of its own that also deletes the record: so it is done once.
 *
 * @param kind which {@link DeliveryHandler} does it, e.g. {@code dnd-changed}
 * @param payload what the handler needs, as text (JSON); at most {@value #MAX_PAYLOAD_LENGTH} characters
 * @param processInstanceId the process instance the work concerns, if one: the job executor then
 *     runs it in turn with that instance's other exclusive jobs. (No process definition is named:
 *     an incident that names one keeps its deployment from being deleted.)
 */
public record Delivery(String kind, String payload, String processInstanceId) {

  /** What the engine's job table keeps of a job's configuration. */
  public static final int MAX_PAYLOAD_LENGTH = 3_900;

  public Delivery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    if (kind.isBlank() || kind.contains("\n")) {
      throw new IllegalArgumentException("A delivery kind is one line of text; was '" + kind + "'");
    }
    if (kind.length() + payload.length() + 1 > MAX_PAYLOAD_LENGTH) {
      throw new IllegalArgumentException("A " + kind + " delivery's payload is " + payload.length()
          + " characters long; at most " + (MAX_PAYLOAD_LENGTH - kind.length() - 1) + " fit in a job");
    }
  }

  /** Work that concerns no process instance or definition. */
  public static Delivery of(String kind, String payload) {
    return new Delivery(kind, payload, null);
  }
}
