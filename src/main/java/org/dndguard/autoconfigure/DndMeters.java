package org.dndguard.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Where DND Guard's meters go: the host's one {@link MeterRegistry} bean or, where it has none (or
 * several, and none of them is meant), Micrometer's global registry. One rule, so that the store, the
 * step guard, the deliveries and the outbox worker always count in the same registry.
 */
final class DndMeters {

  private DndMeters() {
  }

  static MeterRegistry registry(ObjectProvider<MeterRegistry> registries) {
    return registries.getIfUnique(() -> Metrics.globalRegistry);
  }
}
