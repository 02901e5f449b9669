package org.dndguard.cockpit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.function.Supplier;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.dndguard.contact.InvalidDndInputException;

/**
 * The plugin's data, {@code /camunda/api/cockpit/plugin/dnd-guard/{engineName}/...}, for the user
 * Cockpit's login authenticated. Reads need DND Guard's READ permission, changes CHANGE, the
 * removal REMOVE_WORKFLOWS; every error is a problem (RFC 9457) that says what was wrong. Bodies
 * are written by the application's own Jackson, so they read exactly as DND Guard's REST API.
 */
@Produces(MediaType.APPLICATION_JSON)
public class DndCockpitResource extends AbstractCockpitPluginResource {

  private final DndCockpit cockpit;
  private final String user;
  private final String requestPath;

  DndCockpitResource(String engineName, DndCockpit cockpit, String user, String requestPath) {
    super(engineName);
    this.cockpit = cockpit;
    this.user = user;
    this.requestPath = requestPath;
  }

  @GET
  @Path("me")
  public Response me() {
    return answer(() -> cockpit.user(user));
  }

  @GET
  @Path("process-instance/{id}/skips")
  public Response instanceSkips(@PathParam("id") String processInstanceId) {
    return answer(() -> cockpit.skipsOfInstance(user, processInstanceId));
  }

  @GET
  @Path("process-definition/{id}/skip-counts")
  public Response definitionSkipCounts(@PathParam("id") String processDefinitionId) {
    return answer(() -> cockpit.skipCountsOfDefinition(user, processDefinitionId));
  }

  @GET
  @Path("contacts")
  public Response search(@QueryParam("q") String query) {
    return answer(() -> cockpit.search(user, query));
  }

  @GET
  @Path("contacts/{id}")
  public Response contact(@PathParam("id") String contactId) {
    return answer(() -> cockpit.contact(user, contactId));
  }

  @GET
  @Path("contacts/{id}/history")
  public Response history(@PathParam("id") String contactId, @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("20") int size) {
    return answer(() -> cockpit.history(user, contactId, page, size));
  }

  /**
   * The contact's consent file as a download ({@code Content-Disposition: attachment}): JSON with
   * its SHA-256, or CSV with {@code format=csv}. Errors before the first byte are problems as usual.
   */
  @GET
  @Path("contacts/{id}/evidence")
  @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/problem+json"})
  public Response evidence(@PathParam("id") String contactId, @QueryParam("format") String format) {
    return respond(() -> {
      boolean csv = "csv".equalsIgnoreCase(format == null ? null : format.strip());
      DndCockpit.Download download = cockpit.evidence(user, contactId, csv);
      StreamingOutput body = out -> download.writer().write(out);
      return Response.ok(body, download.mediaType())
          .header("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
          .header("Cache-Control", "no-store")
          .build();
    });
  }

  @GET
  @Path("contacts/{id}/messages")
  public Response messages(@PathParam("id") String contactId, @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("20") int size) {
    return answer(() -> cockpit.messages(user, contactId, page, size));
  }

  @POST
  @Path("contacts/{id}/messages/{messageId}/resend")
  @Consumes(MediaType.WILDCARD)
  public Response resend(@PathParam("id") String contactId, @PathParam("messageId") long messageId) {
    return answer(() -> cockpit.resend(user, contactId, messageId));
  }

  @GET
  @Path("contacts/{id}/skips")
  public Response contactSkips(@PathParam("id") String contactId) {
    return answer(() -> cockpit.skipsOfContact(user, contactId));
  }

  @GET
  @Path("contacts/{id}/limits")
  public Response contactLimits(@PathParam("id") String contactId) {
    return answer(() -> cockpit.limits(user, contactId));
  }

  @GET
  @Path("contacts/{id}/workflows")
  public Response workflows(@PathParam("id") String contactId) {
    return answer(() -> cockpit.workflows(user, contactId));
  }

  @PUT
  @Path("contacts/{id}/channels/{channel}")
  @Consumes(MediaType.WILDCARD)
  public Response setChannel(@PathParam("id") String contactId, @PathParam("channel") String channel, String body) {
    return answer(() -> cockpit.changeChannel(user, contactId, channel, true, text(body, "note")));
  }

  @DELETE
  @Path("contacts/{id}/channels/{channel}")
  @Consumes(MediaType.WILDCARD)
  public Response clearChannel(@PathParam("id") String contactId, @PathParam("channel") String channel, String body) {
    return answer(() -> cockpit.changeChannel(user, contactId, channel, false, text(body, "note")));
  }

  @PUT
  @Path("contacts/{id}/inbound/{channel}")
  @Consumes(MediaType.WILDCARD)
  public Response setInbound(@PathParam("id") String contactId, @PathParam("channel") String channel, String body) {
    return answer(() -> cockpit.changeInbound(user, contactId, channel, true, text(body, "note")));
  }

  @DELETE
  @Path("contacts/{id}/inbound/{channel}")
  @Consumes(MediaType.WILDCARD)
  public Response clearInbound(@PathParam("id") String contactId, @PathParam("channel") String channel, String body) {
    return answer(() -> cockpit.changeInbound(user, contactId, channel, false, text(body, "note")));
  }

  @POST
  @Path("contacts/{id}/workflow-removal")
  @Consumes(MediaType.WILDCARD)
  public Response removeFromAllWorkflows(@PathParam("id") String contactId, String body) {
    return answer(() -> DndCockpit.removalView(cockpit.removeFromAllWorkflows(user, contactId, text(body, "reason"))));
  }

  /** The call's result as JSON, written by the application's Jackson. */
  private Response answer(Supplier<Object> call) {
    return respond(() -> Response.ok(cockpit.json().writeValueAsString(call.get()), MediaType.APPLICATION_JSON_TYPE)
        .build());
  }

  /**
   * What every operation checks first (DND Guard is running, a user is logged in), then the call's
   * response, or the problem that its failure is.
   */
  private Response respond(ResponseCall call) {
    if (cockpit == null) {
      return CockpitProblems.unavailable();
    }
    if (user == null) {
      return CockpitProblems.notLoggedIn();
    }
    try {
      return call.get();
    } catch (RuntimeException | JsonProcessingException e) {
      return CockpitProblems.of(e, requestPath);
    }
  }

  /** An operation's work, which may fail to write its JSON. */
  @FunctionalInterface
  private interface ResponseCall {
    Response get() throws JsonProcessingException;
  }

  /** A text member of an optional JSON body, e.g. the note of a change; null when absent. */
  private String text(String body, String member) {
    if (body == null || body.isBlank()) {
      return null;
    }
    JsonNode node;
    try {
      node = cockpit.json().readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidDndInputException("body",
          "The body is not JSON; send {\"" + member + "\": \"...\"} or nothing");
    }
    JsonNode value = node == null ? null : node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidDndInputException(member, "The " + member + " must be a text");
    }
    return value.asText().isBlank() ? null : value.asText().strip();
  }
}
