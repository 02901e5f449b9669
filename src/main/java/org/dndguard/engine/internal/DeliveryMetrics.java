package org.dndguard.engine.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts DND Guard's deliveries per kind and outcome as {@value #NAME}: {@code delivered},
 * {@code retried} (an attempt failed; another follows) and {@code failed} (the attempts are spent:
 * the delivery is an incident). Alert on {@code failed}.
 */
public final class DeliveryMetrics {

  public static final String NAME = "dnd.deliveries";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void delivered(String kind) {
    count(kind, "delivered");
  }

  public void retried(String kind) {
    count(kind, "retried");
  }

  public void failed(String kind) {
    count(kind, "failed");
  }

  private void count(String kind, String outcome) {
    counters.computeIfAbsent(kind + "/" + outcome, key -> Counter.builder(NAME)
        .description("DND Guard's durable deliveries (DndChanged, InboundSms) by outcome")
        .tag("kind", kind)
        .tag("outcome", outcome)
        .register(registry)).increment();
  }
}
