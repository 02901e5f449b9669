package org.dndguard.cockpit.internal;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
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
    return subResource(new DndCockpitResource(engineName, cockpit(), currentUser(engineName),
        uriInfo == null ? null : uriInfo.getRequestUri().getRawPath()), engineName);
  }

  private DndCockpit cockpit() {
    WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(servletContext);
    if (context == null || context.getBeanProvider(DndCockpit.class).getIfAvailable() == null) {
      return null;
    }
    return context.getBean(DndCockpit.class);
  }

  /** The user Cockpit's login authenticated for the engine; null when none (the security filter refuses those first). */
  private static String currentUser(String engineName) {
    Authentications authentications = Authentications.getCurrent();
    if (authentications == null) {
      return null;
    }
    Authentication authentication = authentications.getAuthenticationForProcessEngine(engineName);
    return authentication == null ? null : authentication.getIdentityId();
  }
}
