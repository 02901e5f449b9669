package org.dndguard.store.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.dndguard.store.DndTables;

/**
 * The reports a compliance officer hands over, for any period {@code [from, to)}: CSV (RFC 4180),
 * streamed row by row from the database in time order (an index answers each read in order, and
 * only the current row is in memory). Each report starts with comment lines ({@code # ...}) that
 * name it, the period and its totals, then a header row; its columns are a few computed ones
 * followed by every other column of the table it reads, by name, so that a column a later version
 * adds appears without a change here. Every row names the contact and the ids of its evidence.
 */
public class ComplianceReports {

  /**
   * The DND reasons that are the contact's own opt-out (a keyword, a phrase, an unsubscribe, a
   * complaint), as against a bounce or a carrier error.
   */
  public static final Set<String> OPT_OUT_REASONS =
      Set.of("SMS_OPT_OUT", "WHATSAPP_OPT_OUT", "EMAIL_UNSUBSCRIBE", "SPAM_COMPLAINT");

  /**
   * The longest time from receipt to effect that always stays within ten business days, whatever
   * the weekday of receipt: twelve calendar days hold at least two weekend days.
   */
  static final Duration ALWAYS_WITHIN_TEN_BUSINESS_DAYS = Duration.ofDays(12);

  private static final String OPT_OUT_WHERE = "RECEIVED_AT >= ? AND RECEIVED_AT < ? AND ACTION IN ('SET', 'TOPIC_LEFT')"
      + " AND REASON IN ('SMS_OPT_OUT', 'WHATSAPP_OPT_OUT', 'EMAIL_UNSUBSCRIBE', 'SPAM_COMPLAINT')";

  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final Clock clock;

  public ComplianceReports(DndTables tables, Clock clock) {
    this.dataSource = tables.dataSource();
    this.dialect = tables.dialect();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The totals of the opt-out report, known before its first row. */
  public record OptOutSummary(long rows, Duration maxTimeToEffect) {

    /** Whether every opt-out of the period certainly took effect within ten business days. */
    public boolean withinTenBusinessDays() {
      return maxTimeToEffect.compareTo(ALWAYS_WITHIN_TEN_BUSINESS_DAYS) <= 0;
    }
  }

  /**
   * How many opt-outs were received in the period and the longest time one took from receipt
   * (the provider event's or request's time, {@code RECEIVED_AT}) to effect (the audit row's
   * {@code RECORDED_AT}, written in the transaction that set the DND).
   */
  public OptOutSummary optOutSummary(Instant from, Instant to) {
    // seconds with their fraction, on both databases; a timestamp difference is an interval on one
    // and a number of days on the other
    String longest = "MAX(EXTRACT(EPOCH FROM RECORDED_AT) - EXTRACT(EPOCH FROM RECEIVED_AT))";
    long[] result = new long[2];
    readUnchecked(connection -> {
      try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*), " + longest
          + " FROM DND_AUDIT WHERE " + OPT_OUT_WHERE)) {
        query.setObject(1, Columns.utc(from));
        query.setObject(2, Columns.utc(to));
        try (ResultSet rs = query.executeQuery()) {
          rs.next();
          result[0] = rs.getLong(1);
          BigDecimal seconds = rs.getBigDecimal(2);
          // negative only when a node's clock ran behind the one that received the event
          result[1] = seconds == null ? 0 : seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP)
              .longValueExact();
        }
      }
    }, "the opt-out report");
    return new OptOutSummary(result[0], Duration.of(result[1], ChronoUnit.MICROS));
  }

  /**
   * Opt-outs received in {@code [from, to)}: every audit row that set a DND entry or left a topic
   * for one of {@link #OPT_OUT_REASONS}, by time of receipt, with the time each took to take effect.
   * The summary is the one of {@link #optOutSummary}, stated in the comment lines.
   */
  public void optOuts(Instant from, Instant to, OptOutSummary summary, OutputStream out) throws IOException {
    List<String> comments = List.of(
        "DND Guard opt-out report: opt-outs received from " + from + " (inclusive) to " + to + " (exclusive), made "
            + now(),
        "rows: " + summary.rows() + "; max_time_to_effect: " + summary.maxTimeToEffect()
            + "; FCC 47 CFR 64.1200(a)(10) and CASL allow ten business days: " + (summary.withinTenBusinessDays()
            ? "every row is within them" : "see business_days_to_effect per row"));
    List<String> computed = List.of("received_at", "effective_at", "time_to_effect", "seconds_to_effect",
        "business_days_to_effect", "contact_id", "channel", "topic", "source", "keyword", "provider_event_id",
        "message_id", "audit_id");
    stream(out, comments, computed, Set.of(), "SELECT * FROM DND_AUDIT WHERE " + OPT_OUT_WHERE
        + " ORDER BY RECEIVED_AT, ID", "RECEIVED_AT", "ID", row -> {
          Instant received = (Instant) row.get("RECEIVED_AT");
          Instant effective = (Instant) row.get("RECORDED_AT");
          Duration delay = Duration.between(received, effective);
          return List.of(nullable(received), nullable(effective), delay.toString(),
              String.format(Locale.ROOT, "%.3f", delay.toNanos() / 1e9), businessDaysBetween(received, effective),
              nullable(row.get("CONTACT_ID")), nullable(row.get("TARGET")), nullable(row.get("TOPIC")),
              nullable(row.get("SOURCE")), nullable(row.get("KEYWORD")), nullable(row.get("PROVIDER_EVENT_ID")),
              nullable(row.get("MESSAGE_ID")), nullable(row.get("ID")));
        }, from, to);
  }

  /** Clears refused by the rules in {@code [from, to)} (audit rows {@code REFUSED}), by time. */
  public void refusedClears(Instant from, Instant to, OutputStream out) throws IOException {
    stream(out, List.of("DND Guard refused clears from " + from + " (inclusive) to " + to + " (exclusive), made "
            + now() + "; message says why each was refused and what would lift the DND"),
        List.of("at", "contact_id", "channel", "reason", "source", "actor", "audit_id"), Set.of(),
        "SELECT * FROM DND_AUDIT WHERE ACTION = 'REFUSED' AND RECORDED_AT >= ? AND RECORDED_AT < ?"
            + " ORDER BY RECORDED_AT, ID", "RECORDED_AT", "ID",
        row -> List.of(nullable(row.get("RECORDED_AT")), nullable(row.get("CONTACT_ID")), nullable(row.get("TARGET")),
            nullable(row.get("REASON")), nullable(row.get("SOURCE")), nullable(row.get("ACTOR")),
            nullable(row.get("ID"))), from, to);
  }

  /**
   * Outbox messages blocked at dispatch in {@code [from, to)} (status {@code BLOCKED}, by the time
   * they were blocked); the message body is left out.
   */
  public void blockedSends(Instant from, Instant to, OutputStream out) throws IOException {
    stream(out, List.of("DND Guard sends blocked at dispatch from " + from + " (inclusive) to " + to
            + " (exclusive), made " + now() + "; dnd_reason names the DND entry that blocked each"),
        List.of("blocked_at", "contact_id", "channel", "dnd_reason", "message_id"), Set.of("BODY"),
        "SELECT * FROM DND_OUTBOX WHERE STATUS = 'BLOCKED' AND UPDATED_AT >= ? AND UPDATED_AT < ?"
            + " ORDER BY UPDATED_AT, ID", "UPDATED_AT", "ID",
        row -> List.of(nullable(row.get("UPDATED_AT")), nullable(row.get("CONTACT_ID")), nullable(row.get("CHANNEL")),
            nullable(row.get("DND_REASON")), nullable(row.get("ID"))), from, to);
  }

  /**
   * Guarded steps held back in {@code [from, to)}: skipped, routed, deferred (and any outcome a
   * later version records), by time, under comment lines that count them by outcome and reason.
   */
  public void skips(Instant from, Instant to, OutputStream out) throws IOException {
    List<String> comments = new ArrayList<>();
    comments.add("DND Guard steps held back from " + from + " (inclusive) to " + to + " (exclusive), made " + now());
    readUnchecked(connection -> {
      try (PreparedStatement query = connection.prepareStatement("SELECT OUTCOME, COALESCE(REASON, TOPIC, '-'),"
          + " COUNT(*) FROM DND_SKIP WHERE RECORDED_AT >= ? AND RECORDED_AT < ? GROUP BY OUTCOME,"
          + " COALESCE(REASON, TOPIC, '-') ORDER BY 1, 2")) {
        query.setObject(1, Columns.utc(from));
        query.setObject(2, Columns.utc(to));
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            comments.add("count " + rs.getString(1) + " by " + rs.getString(2) + ": " + rs.getLong(3));
          }
        }
      }
    }, "the skip report");
    stream(out, comments, List.of("at", "contact_id", "outcome", "channel", "reason", "topic", "skip_id"), Set.of(),
        "SELECT * FROM DND_SKIP WHERE RECORDED_AT >= ? AND RECORDED_AT < ? ORDER BY RECORDED_AT, ID",
        "RECORDED_AT", "ID",
        row -> List.of(nullable(row.get("RECORDED_AT")), nullable(row.get("CONTACT_ID")), nullable(row.get("OUTCOME")),
            nullable(row.get("CHANNEL")), nullable(row.get("REASON")), nullable(row.get("TOPIC")),
            nullable(row.get("ID"))), from, to);
  }

  /**
   * Business days (Monday to Friday, in UTC; public holidays count as business days, which can
   * only overstate the delay) from the day of receipt to the day of effect: 0 on the same day.
   */
  static long businessDaysBetween(Instant received, Instant effective) {
    LocalDate day = received.atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate last = effective.atOffset(ZoneOffset.UTC).toLocalDate();
    long days = 0;
    while (day.isBefore(last)) {
      day = day.plusDays(1);
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        days++;
      }
    }
    return days;
  }

  private interface Computed {
    List<Object> of(Map<String, Object> row);
  }

  private void stream(OutputStream out, List<String> comments, List<String> computed, Set<String> excluded,
      String sql, String timeColumn, String idColumn, Computed values, Object... params) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CsvOut csv = new CsvOut(writer);
    for (String comment : comments) {
      csv.comment(comment);
    }
    Streams.read(dataSource, "a report", connection -> {
      try (RowCursor cursor = new RowCursor(connection, "ROW", 0, sql, timeColumn, idColumn, params)) {
        // a table column already given as a computed one (contact_id, source, ...) is not repeated
        List<String> columns = cursor.columns().stream()
            .filter(c -> !excluded.contains(c) && !computed.contains(c.toLowerCase(Locale.ROOT))).toList();
        List<Object> header = new ArrayList<>(computed);
        columns.forEach(column -> header.add(column.toLowerCase(Locale.ROOT)));
        csv.row(header);
        while (cursor.next()) {
          List<Object> fields = new ArrayList<>(values.of(cursor.row()));
          for (String column : columns) {
            fields.add(cursor.row().get(column));
          }
          csv.row(fields);
        }
      }
    });
    csv.flush();
  }

  private void readUnchecked(Streams.Work work, String what) {
    try {
      Streams.read(dataSource, what, work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Object nullable(Object value) {
    return value == null ? "" : value;
  }
}
