package org.dndguard.web.internal;

/**
 * The base paths of DND Guard's endpoints, as placeholders that Spring MVC resolves in request
 * mappings: {@code dnd.api.base-path} (library default {@code /dnd/api}) and
 * {@code dnd.webhooks.base-path} (library default {@code /dnd/webhooks}). The reference
 * application sets {@code /api} and {@code /webhooks}.
 */
public final class DndPaths {

  /** The API's base path, e.g. {@code API + "/contacts/{id}"}. */
  public static final String API = "${dnd.api.base-path:/dnd/api}";
  /** The webhooks' base path, e.g. {@code WEBHOOKS + "/mailgun"}. */
  public static final String WEBHOOKS = "${dnd.webhooks.base-path:/dnd/webhooks}";

  private DndPaths() {
  }
}
