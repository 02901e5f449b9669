package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.store.internal.ComplianceReports;
import org.dndguard.store.internal.ComplianceReports.OptOutSummary;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/reports/...}: the compliance reports ({@link ComplianceReports}) for a period
 * {@code [from, to)}, CSV, streamed from the database as it is read.
 */
@RestController
@RequestMapping(path = DndPaths.API + "/reports", produces = "text/csv")
@Tag(name = "Compliance", description = "A contact's consent file and the compliance reports")
public class ReportController {

  /** The opt-out report's count of rows. */
  public static final String ROWS_HEADER = "DND-Report-Rows";
  /** The opt-out report's longest time from receipt to effect, ISO-8601 (e.g. {@code PT0.042S}). */
  public static final String MAX_TIME_TO_EFFECT_HEADER = "DND-Max-Time-To-Effect";
  /** Whether every opt-out of the report certainly took effect within ten business days. */
  public static final String WITHIN_TEN_BUSINESS_DAYS_HEADER = "DND-Within-Ten-Business-Days";

  private static final String PERIOD = "The period is [from, to): ISO-8601 instants such as 2026-01-01T00:00:00Z;"
      + " a missing, malformed or reversed one is a 400 problem.";

  private final ComplianceReports reports;

  public ReportController(ComplianceReports reports) {
    this.reports = reports;
  }

  @GetMapping("/opt-outs")
  @Operation(operationId = "optOutReport", summary = "Opt-outs received in a period, and when each took effect",
      description = "One row per opt-out (SMS or WhatsApp keyword or phrase, e-mail unsubscribe or complaint,"
          + " unsubscribe link) received in the period, by receipt time: the contact, channel or topic, source,"
          + " keyword, evidence ids, the time of receipt and of effect, and the time between them. The comment lines"
          + " and the DND-* headers give the row count and the longest time to effect against the ten business"
          + " days of 47 CFR 64.1200(a)(10). Every column of the audit row follows. " + PERIOD)
  @ApiResponse(responseCode = "200", description = "The report", content = @Content(mediaType = "text/csv",
      schema = @Schema(type = "string")), headers = {
          @Header(name = ROWS_HEADER, description = "Rows in the report"),
          @Header(name = MAX_TIME_TO_EFFECT_HEADER, description = "Longest time from receipt to effect (ISO-8601)"),
          @Header(name = WITHIN_TEN_BUSINESS_DAYS_HEADER, description = "true when every row is within ten"
              + " business days")})
  @ApiDocs.InvalidPeriod
  public ResponseEntity<StreamingResponseBody> optOuts(@ParameterObject PeriodQuery query) {
    Period period = query.period();
    OptOutSummary summary = reports.optOutSummary(period.from(), period.to());
    return csv("opt-outs", period)
        .header(ROWS_HEADER, Long.toString(summary.rows()))
        .header(MAX_TIME_TO_EFFECT_HEADER, summary.maxTimeToEffect().toString())
        .header(WITHIN_TEN_BUSINESS_DAYS_HEADER, Boolean.toString(summary.withinTenBusinessDays()))
        .body(out -> reports.optOuts(period.from(), period.to(), summary, out));
  }

  @GetMapping("/refused-clears")
  @Operation(operationId = "refusedClearReport", summary = "Clears refused in a period",
      description = "One row per refused DND change (audit action REFUSED): the contact, channel, reason, who asked,"
          + " and the message that says why and what would lift it. " + PERIOD)
  @ApiDocs.CsvReport
  public ResponseEntity<StreamingResponseBody> refusedClears(@ParameterObject PeriodQuery query) {
    return report("refused-clears", query.period(), reports::refusedClears);
  }

  @GetMapping("/blocked-sends")
  @Operation(operationId = "blockedSendReport", summary = "Outbox messages blocked at dispatch in a period",
      description = "One row per outbox message that DND Guard blocked when it was due (status BLOCKED), by the"
          + " time it was blocked, with the DND reason; the body is left out. " + PERIOD)
  @ApiDocs.CsvReport
  public ResponseEntity<StreamingResponseBody> blockedSends(@ParameterObject PeriodQuery query) {
    return report("blocked-sends", query.period(), reports::blockedSends);
  }

  @GetMapping("/skips")
  @Operation(operationId = "skipReport", summary = "Guarded steps skipped, routed or deferred in a period",
      description = "One row per guarded step DND Guard held back, by time, with its outcome and reason; the comment"
          + " lines count them by outcome and reason (or topic). " + PERIOD)
  @ApiDocs.CsvReport
  public ResponseEntity<StreamingResponseBody> skips(@ParameterObject PeriodQuery query) {
    return report("skips", query.period(), reports::skips);
  }

  /** A report of a period that writes its CSV to the response as it reads it. */
  @FunctionalInterface
  private interface PeriodReport {
    void write(Instant from, Instant to, OutputStream out) throws IOException;
  }

  private static ResponseEntity<StreamingResponseBody> report(String name, Period period, PeriodReport report) {
    return csv(name, period).body(out -> report.write(period.from(), period.to(), out));
  }

  private static ResponseEntity.BodyBuilder csv(String report, Period period) {
    String name = report + "-" + period.from() + "-" + period.to() + ".csv";
    return ResponseEntity.ok()
        .contentType(EvidenceController.TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(name.replace(':', '-')).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  /**
   * The query parameters {@code from} and {@code to} of every report, as given; {@link #period()}
   * reads them, so that a missing or malformed one is a 400 problem that names it.
   */
  record PeriodQuery(
      @Parameter(description = "Start of the period (inclusive), an ISO-8601 instant") String from,
      @Parameter(description = "End of the period (exclusive)") String to) {

    Period period() {
      return Period.of(from, to);
    }
  }

  /** A report's period, {@code [from, to)}. */
  record Period(Instant from, Instant to) {

    static Period of(String from, String to) {
      Instant start = instant("from", from);
      Instant end = instant("to", to);
      if (!start.isBefore(end)) {
        throw new InvalidDndInputException("to", "to (" + end + ") must be after from (" + start + "): the period is"
            + " [from, to); swap them or widen the period");
      }
      return new Period(start, end);
    }

    private static Instant instant(String field, String value) {
      if (value == null || value.isBlank()) {
        throw new InvalidDndInputException(field, field + " is missing: give an ISO-8601 instant such as"
            + " 2026-01-01T00:00:00Z");
      }
      try {
        return Instant.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new InvalidDndInputException(field, field + " '" + value.strip() + "' is not an ISO-8601 instant; give one"
            + " in UTC such as 2026-01-01T00:00:00Z");
      }
    }
  }
}
