package org.dndguard.web.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.dndguard.contact.internal.ControlCharacters;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.workflow.WorkflowRemoval;
import org.dndguard.workflow.WorkflowRemovalResult;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/contacts/{id}/workflow-removal}: removes a contact from all workflows. It
 * answers 200 with the workflows it removed, or 202 with the Camunda batch that removes them when
 * there are more than {@code dnd.workflows.batch-threshold}. Errors are problem details (RFC 9457),
 * answered by {@link ProblemDetailsAdvice}.
 */
@RestController
@RequestMapping(path = DndPaths.API + "/contacts", produces = {MediaType.APPLICATION_JSON_VALUE,
    MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "Workflows", description = "Remove a contact from all workflows")
public class WorkflowRemovalController {

  /** The longest reason a caller may give; DND Guard adds who asked. */
  static final int MAX_REASON_LENGTH = 500;

  private final WorkflowRemoval removal;
  private final Clock clock;

  public WorkflowRemovalController(WorkflowRemoval removal, Clock clock) {
    this.removal = removal;
    this.clock = clock;
  }

  @PostMapping("/{id}/workflow-removal")
  @Operation(summary = "Remove the contact from all workflows",
      description = "Ends every running process instance of the contact, with the sub-process instances of its"
          + " call activities, and records the removal in the contact's audit trail. Works for any contact id,"
          + " registered or not. Removing again removes what has started since, and nothing twice.")
  @ApiResponse(responseCode = "200", description = "The workflows were removed; `removed` says how many")
  @ApiResponse(responseCode = "202", description = "More workflows than dnd.workflows.batch-threshold: a Camunda"
      + " batch (`batchId`, see Cockpit's batch view) removes them")
  @ApiResponse(responseCode = "400", description = "The contact id or the reason is unusable; nothing was removed")
  @ApiResponse(responseCode = "409", description = "The workflows kept changing while they were removed; try again")
  public ResponseEntity<RemovalResponse> remove(@PathVariable("id") String contactId,
      @RequestBody(required = false) RemovalRequest request, Principal principal) {
    String user = principal == null ? null : principal.getName();
    String reason = request == null || request.reason() == null || request.reason().isBlank()
        ? null : request.reason().strip();
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      throw new InvalidDndInputException("reason", "The reason is " + reason.length()
          + " characters long; at most " + MAX_REASON_LENGTH + " are allowed");
    }
    ControlCharacters.refuse("reason", reason, true);
    WorkflowRemovalResult result = removal.removeFromAllWorkflows(contactId, deleteReason(user, reason),
        Evidence.user(user, reason, clock.instant()));
    RemovalResponse body = RemovalResponse.of(result);
    return result.isBatch() ? ResponseEntity.accepted().body(body) : ResponseEntity.ok(body);
  }

  private static String deleteReason(String user, String reason) {
    String who = "removed from all workflows by " + (user == null ? "an API call" : user) + " through the DND Guard API";
    return reason == null ? "DND Guard: " + who : reason + " (DND Guard: " + who + ")";
  }

  /**
   * The optional request body.
   *
   * @param reason why the contact leaves its workflows; kept as each instance's delete reason and in
   *     the audit trail
   */
  public record RemovalRequest(String reason) {
  }

  /**
   * The answer.
   *
   * @param contactId the contact
   * @param removed how many workflows were removed now (a process instance with the sub-process
   *     instances its call activities started counts once)
   * @param processInstanceIds the process instances removed now
   * @param batchId the Camunda batch that removes the workflows, when it ran as a batch
   * @param queued how many workflows the batch removes
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RemovalResponse(String contactId, int removed, List<String> processInstanceIds, String batchId,
      Integer queued) {

    static RemovalResponse of(WorkflowRemovalResult result) {
      return new RemovalResponse(result.contactId(), result.removed(), result.removedProcessInstanceIds(),
          result.batchId(), result.isBatch() ? result.batchSize() : null);
    }
  }
}
