package org.dndguard.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.dndguard.engine.SkipRecord;
import org.dndguard.engine.SkipRecords;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
  private final RuntimeService runtimeService;
  private final HistoryService historyService;

  public DndSkipController(SkipRecords skipRecords, RuntimeService runtimeService, HistoryService historyService) {
    this.skipRecords = skipRecords;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
  }

  @Operation(summary = "Steps DND Guard held back in a process instance",
      description = "Every skipped step, and every step that threw DND_BLOCKED, oldest first, with the contact,"
          + " the channel and the DND entry that blocked it. 404 when the engine knows no such instance.")
  @GetMapping(path = "/{processInstanceId}/dnd-skips", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<SkipRecord> skips(@PathVariable String processInstanceId) {
    List<SkipRecord> records = skipRecords.ofProcessInstance(processInstanceId);
    // records outlive history cleanup, so they are shown whenever they exist
    if (records.isEmpty() && !instanceExists(processInstanceId)) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "The process engine knows no"
          + " process instance '" + processInstanceId + "', running or in its history; check the id, e.g. in"
          + " Cockpit or with GET /engine-rest/history/process-instance");
      problem.setTitle("Process instance not found");
      throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
    return records;
  }

  /** Answers with the problem itself, as application/problem+json, whatever else handles errors. */
  @ExceptionHandler(ErrorResponseException.class)
  ResponseEntity<ProblemDetail> problem(ErrorResponseException e) {
    return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(e.getBody());
  }

  private boolean instanceExists(String processInstanceId) {
    // the runtime first: with history level none, a running instance is not in the history
    return runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0
        || historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
  }
}
