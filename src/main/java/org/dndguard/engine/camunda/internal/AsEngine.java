package org.dndguard.engine.camunda.internal;

import java.util.Objects;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs a piece of DND Guard's own bookkeeping as the engine, not as the user the thread is
 * authenticated as (in Cockpit, or in a request to DND Guard's API): with Camunda's authorization on,
 * the user's own query would see only what the user may read, e.g. none of its groups. The thread's
 * authentication is restored afterwards.
 */
public final class AsEngine {

  private AsEngine() {
  }

  public static <T> T call(IdentityService identityService, Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null) {
      return work.get();
    }
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      identityService.setAuthentication(current);
    }
  }
}
