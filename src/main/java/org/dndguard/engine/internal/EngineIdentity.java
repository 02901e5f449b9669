package org.dndguard.engine.internal;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who the calling thread is in the process engine, and a way to step out of it for DND Guard's own
 * bookkeeping. Cockpit's login, Camunda's REST API and DND Guard's API authenticate each request's
 * thread in the engine, and a query then sees only what that user may read; reading a user's groups,
 * or which of a contact's instances still run, must see everything.
 *
 * <p>Implemented by the engine adapter ({@code org.dndguard.engine.camunda.internal.CamundaIdentity}): Camunda
 * hands the thread's authentication out as one of its internal classes, which only the adapter uses.
 */
public interface EngineIdentity {

  /**
   * The id of the user the calling thread is authenticated as in the engine; empty when none. In a
   * Cockpit plugin's request, the user Cockpit's login authenticated (Camunda's web applications
   * authenticate the thread in every engine the user is logged in to).
   */
  Optional<String> currentUserId();

  /**
   * Runs the work as the engine, not as the user the thread is authenticated as; the thread's
   * authentication is restored afterwards.
   */
  <T> T asEngine(Supplier<T> work);
}
