package org.dndguard.cockpit.internal;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.dndguard.engine.internal.EngineIdentity;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The root of the plugin's API, {@code /camunda/api/cockpit/plugin/dnd-guard}: {@code /static/...}
 * serves the client (from the base class), {@code /{engineName}/...} the data. Cockpit's security
 * filter lets only users logged in to that engine through to the latter; what each may do there is
 * DND Guard's authorization, asked by {@link DndCockpit}.
 *
 * <p>Jersey creates the resources per request, outside Spring; DND Guard's beans come from the web
 * application context of the servlet context the request runs in, so that each application (each
 * test's, too) reaches its own.
 */
@Path("plugin/" + DndCockpitPlugin.ID)
public class DndCockpitRootResource extends AbstractCockpitPluginRootResource {

  public DndCockpitRootResource() {
    super(DndCockpitPlugin.ID);
  }

  @Path("{engineName}")
  public DndCockpitResource engine(@PathParam("engineName") String engineName) {
    WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(servletContext);
    return subResource(new DndCockpitResource(engineName, bean(context, DndCockpit.class), currentUser(context),
        uriInfo == null ? null : uriInfo.getRequestUri().getRawPath()), engineName);
  }

  private static <T> T bean(WebApplicationContext context, Class<T> type) {
    return context == null ? null : context.getBeanProvider(type).getIfAvailable();
  }

  /**
   * The user Cockpit's login authenticated in DND Guard's engine, which Cockpit's web application sets
   * on the request's thread (as Cockpit's own plugin base class reads it); null when none (Cockpit's
   * security filter refuses those first, and DND Guard's authorization refuses a null user).
   */
  private static String currentUser(WebApplicationContext context) {
    EngineIdentity identity = bean(context, EngineIdentity.class);
    return identity == null ? null : identity.currentUserId().orElse(null);
  }
}
