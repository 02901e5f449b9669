package org.dndguard.engine.camunda.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.dndguard.engine.internal.EngineIdentity;

/**
 * The thread's authentication in Camunda's engine, read and set through the {@link IdentityService}.
 * Cockpit's own plugin base class ({@code AbstractCockpitPluginResource.getCurrentAuthentication})
 * reads the Cockpit user the same way: Camunda's web applications authenticate each request's thread
 * in the engines the user is logged in to.
 */
public final class CamundaIdentity implements EngineIdentity {

  private final IdentityService identityService;

  public CamundaIdentity(IdentityService identityService) {
    this.identityService = Objects.requireNonNull(identityService, "identityService");
  }

  @Override
  public Optional<String> currentUserId() {
    Authentication current = identityService.getCurrentAuthentication();
    return current == null ? Optional.empty() : Optional.ofNullable(current.getUserId()).filter(id -> !id.isBlank());
  }

  @Override
  public <T> T asEngine(Supplier<T> work) {
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
