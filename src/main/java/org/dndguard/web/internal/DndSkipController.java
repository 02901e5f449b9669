package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.dndguard.contact.internal.ControlCharacters;
import org.dndguard.engine.SkipRecord;
import org.dndguard.engine.SkipRecords;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The steps DND Guard held back in one process instance: {@code GET /api/process-instances/{id}/dnd-skips}. */
@RestController
@RequestMapping(DndPaths.API + "/process-instances")
@Tag(name = "DND skips", description = "Communication steps that DND Guard skipped or routed")
public class DndSkipController {

  private final SkipRecords skipRecords;
  private final ProcessEngine engine;

  /** @param engine asked whether an instance without skips exists, running or in the history */
  public DndSkipController(SkipRecords skipRecords, ProcessEngine engine) {
    this.skipRecords = skipRecords;
    this.engine = engine;
  }

  @Operation(summary = "Steps DND Guard held back in a process instance",
      description = "Every skipped step, and every step that threw DND_BLOCKED, oldest first, with the contact,"
          + " the channel and the DND entry that blocked it. 404 when the engine knows no such instance.")
  @ApiResponse(responseCode = "200", description = "The instance's skip records; empty when nothing was held back")
  @ApiResponse(responseCode = "400", description = "The id has a character that cannot be seen, such as a space")
  @ApiResponse(responseCode = "404", description = "The engine knows no such instance, running or in its history"
      + " (urn:dndguard:problem:process-instance-not-found)")
  @GetMapping(path = "/{processInstanceId}/dnd-skips", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<SkipRecord> skips(@PathVariable String processInstanceId) {
    ControlCharacters.refuseInvisible("processInstanceId", processInstanceId, false);
    List<SkipRecord> records = skipRecords.ofProcessInstance(processInstanceId);
    // records outlive history cleanup, so they are shown whenever they exist
    if (records.isEmpty() && !instanceExists(processInstanceId)) {
      throw new ProcessInstanceNotFoundException(processInstanceId);
    }
    return records;
  }

  private boolean instanceExists(String processInstanceId) {
    // the runtime first: with history level none, a running instance is not in the history
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0
        || engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
  }
}
