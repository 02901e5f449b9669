package org.dndguard.engine.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Objects;
import org.dndguard.engine.DeliveryQueue;

/**
 * A {@link DeliveryHandler} whose payload is a record kept as JSON: the handler writes it when it
 * schedules a delivery of its kind and gets it back, read, when the delivery runs. A delivery may fan
 * out into deliveries of the same kind, one for each process instance it concerns, so that one
 * failing instance neither keeps the work from the others nor makes them do it twice.
 *
 * @param <P> the payload record
 */
public abstract class JsonDeliveryHandler<P> implements DeliveryHandler {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private final String kind;
  private final Class<P> payloadType;
  private final String name;
  private final DeliveryQueue deliveries;

  /**
   * @param kind the kind of delivery, unique among handlers
   * @param payloadType the payload record
   * @param name what a delivery of the kind is called in an error, e.g. {@code a dnd-changed delivery}
   * @param deliveries where the handler's deliveries are recorded
   */
  protected JsonDeliveryHandler(String kind, Class<P> payloadType, String name, DeliveryQueue deliveries) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
    this.name = Objects.requireNonNull(name, "name");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
  }

  @Override
  public final String kind() {
    return kind;
  }

  @Override
  public final void deliver(Delivery delivery) {
    deliver(read(delivery.payload()));
  }

  /** Does the work of one delivery, in the job's transaction; may schedule further deliveries in it. */
  protected abstract void deliver(P payload);

  /**
   * Records a delivery of this kind in the caller's transaction.
   *
   * @param processInstanceId the one process instance it concerns (its job then runs in turn with the
   *     instance's other exclusive jobs); null for none
   */
  protected final void scheduleDelivery(P payload, String processInstanceId) {
    deliveries.schedule(new Delivery(kind, write(payload), processInstanceId));
  }

  /** The payload as a delivery keeps it. */
  protected final String write(P payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write " + name, e);
    }
  }

  /** @throws IllegalStateException when the JSON is not a payload of this kind; the job fails with it */
  protected final P read(String json) {
    try {
      return JSON.readValue(json, payloadType);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Not " + name + ": " + e.getOriginalMessage(), e);
    }
  }
}
