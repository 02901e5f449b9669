package org.dndguard.cockpit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.messaging.ChannelInDndException;
import org.dndguard.messaging.MessageNotResendableException;
import org.dndguard.messaging.NoProviderException;
import org.dndguard.messaging.TopicLeftException;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.web.DndAccessDeniedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's errors as problem details (RFC 9457), of the same types as DND Guard's REST API
 * answers. Written here rather than by a JAX-RS exception mapper, which would answer for every
 * resource of Cockpit's API, Camunda's own included.
 */
final class CockpitProblems {

  static final String PROBLEM_JSON = "application/problem+json";

  // independent of the host's ObjectMapper: these bodies hold only strings and numbers
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Every problem DND Guard answers has a type of its own under this prefix, as its API's do. */
  private static final String TYPE = "urn:dndguard:problem:";
  private static final Logger LOG = LoggerFactory.getLogger(CockpitProblems.class);

  private CockpitProblems() {
  }

  static Response of(Exception e, String path) {
    if (e instanceof DndAccessDeniedException denied) {
      return problem(403, denied.getBody().getType().toString(), denied.getBody().getTitle(), denied.getMessage(),
          path, null);
    }
    if (e instanceof DndCockpit.PartSwitchedOffException off) {
      return problem(404, TYPE + "switched-off", "Switched off", off.getMessage(), path, null);
    }
    if (e instanceof ContactNotFoundException notFound) {
      return problem(404, "urn:dndguard:problem:contact-not-found", "Contact not found", notFound.getMessage(),
          path, null);
    }
    if (e instanceof DndChangeRefusedException refused) {
      return problem(409, "urn:dndguard:problem:dnd-change-refused", "DND change refused", refused.getMessage(),
          path, null);
    }
    if (e instanceof InvalidDndInputException invalid) {
      return problem(400, "urn:dndguard:problem:invalid-input", "Invalid " + invalid.field(), invalid.getMessage(),
          path, invalid.field());
    }
    if (e instanceof ChannelInDndException || e instanceof TopicLeftException) {
      return problem(409, e instanceof ChannelInDndException ? "urn:dndguard:problem:channel-in-dnd"
          : "urn:dndguard:problem:topic-left", "Not sent: DND", e.getMessage(), path, null);
    }
    if (e instanceof NoProviderException noProvider) {
      return problem(422, "urn:dndguard:problem:no-provider", "No provider for the channel", noProvider.getMessage(),
          path, null);
    }
    if (e instanceof MessageNotResendableException notResendable) {
      return problem(409, "urn:dndguard:problem:message-not-resendable", "Message cannot be resent",
          notResendable.getMessage(), path, null);
    }
    if (e instanceof NoSuchElementException) {
      return problem(404, "urn:dndguard:problem:message-not-found", "Unknown message", "There is no such message in"
          + " the outbox", path, null);
    }
    if (e instanceof OptimisticLockingException) {
      return problem(409, TYPE + "workflows-changing", "Workflows kept changing", "The contact's workflows kept changing while"
          + " they were removed; the ones removed so far stay removed. Remove again to remove the rest.", path, null);
    }
    LOG.error("DND Guard's Cockpit plugin failed on {}", path, e);
    return problem(500, TYPE + "internal-server-error", "Internal Server Error", "DND Guard could not answer; the server log has"
        + " the cause. Nothing was changed unless the contact's audit trail shows it.", path, null);
  }

  static Response unavailable() {
    return problem(503, TYPE + "not-running", "DND Guard is not running", "The Cockpit plugin is on the class path but"
        + " DND Guard's beans are not in this application; add DND Guard's auto-configuration (or enable it).",
        null, null);
  }

  static Response notLoggedIn() {
    return problem(401, TYPE + "unauthorized", "Unauthorized", "Log in to Cockpit first", null, null);
  }

  private static Response problem(int status, String type, String title, String detail, String path, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (path != null) {
      body.put("instance", path);
    }
    if (field != null) {
      body.put("field", field);
    }
    return Response.status(status).type(PROBLEM_JSON).entity(json(body)).build();
  }

  private static String json(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A map of strings and numbers is always JSON", e);
    }
  }
}
