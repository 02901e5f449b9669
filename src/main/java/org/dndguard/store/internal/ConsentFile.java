package org.dndguard.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.dndguard.store.DndTables;

/**
 * A contact's consent file: everything DND Guard knows about the contact's consent and about
 * contact with it, oldest first, each event once. Four tables are read, each by an ordered cursor
 * on one snapshot, and merged by time (a k-way merge: only one row per cursor is in memory):
 * <ul>
 *   <li>{@code PROVIDER_EVENT}: every provider event (webhook) that named an address the contact
 *       has, or had according to its trail: inbound texts, status callbacks, Mailgun events;
 *   <li>{@code AUDIT}: every row of the contact's audit trail: DND and topic changes, refusals,
 *       ignored events, blocked inbound texts, workflow removals, address and time zone changes,
 *       unsubscribe link uses (source {@code UNSUBSCRIBE_LINK}), each with its evidence;
 *   <li>{@code STEP}: every guarded step held back for the contact (skipped, routed, deferred, and
 *       whatever outcome a later version records);
 *   <li>{@code MESSAGE}: every outbox message to the contact, with its status and provider id.
 * </ul>
 * Events at the same instant come in that order (a provider event before the change it caused).
 *
 * <p>The JSON form is line-oriented so that it can be checked with nothing but a shell: its first
 * line opens the file and the {@code events} array, each event is one line, and its last line
 * closes the array and carries {@code sha256}, the lowercase hex SHA-256 of every byte before the
 * last line (UTF-8, each line ending in a line feed). So the contact id, the time the file was made
 * and every event are covered; {@code sed '$d' file.json | sha256sum} prints the same value. A file
 * cut short by a failure has no last line and so no checksum.
 */
public class ConsentFile {

  /** The value of the file's {@code format} field. */
  public static final String FORMAT = "dnd-guard-consent-file/1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CSV_HEADER_COLUMNS =
      "seq,at,type,id,what,channel,reason,source,actor,provider_event_id,message_id,verified_by,details";

  private final DataSource dataSource;
  private final Clock clock;

  public ConsentFile(DndTables tables, Clock clock) {
    this.dataSource = tables.dataSource();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One event of the file, as the merge hands it on. */
  private record Event(long seq, String type, Instant at, Object id, Map<String, Object> row) {

    String what() {
      return text(switch (type) {
        case "AUDIT" -> row.get("ACTION");
        case "MESSAGE" -> row.get("STATUS");
        default -> row.get("OUTCOME");
      });
    }

    /** What DND Guard verified before it recorded the event; null where it took the caller's word. */
    String verifiedBy() {
      String source = text(type.equals("PROVIDER_EVENT") ? row.get("PROVIDER") : row.get("SOURCE"));
      if (source == null || !(type.equals("PROVIDER_EVENT") || type.equals("AUDIT"))) {
        return null;
      }
      return switch (source) {
        case "TWILIO" -> "TWILIO_SIGNATURE";
        case "MAILGUN" -> "MAILGUN_SIGNATURE";
        case "UNSUBSCRIBE_LINK" -> "UNSUBSCRIBE_LINK_MAC";
        case "USER" -> "API_LOGIN_OR_HOST";
        default -> null;
      };
    }
  }

  /** What one event sink does with each event, and before and after them. */
  private interface Sink {
    void event(Event event) throws IOException;
  }

  /**
   * Writes the contact's file as JSON (see the class comment) to the stream, row by row; the
   * stream is flushed, not closed.
   */
  public void writeJson(String contactId, OutputStream out) throws IOException {
    MessageDigest digest = sha256();
    Instant generatedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("format", FORMAT);
    head.put("contactId", contactId);
    head.put("generatedAt", generatedAt.toString());
    head.put("sha256Covers", "every byte of this file before its last line (UTF-8, lines end in \\n)");
    String opening = JSON.writeValueAsString(head);
    // the head object, still open, with the array of events opened
    String first = opening.substring(0, opening.length() - 1) + ",\"events\":[\n";
    write(out, digest, first);
    long[] count = {0};
    merge(contactId, event -> {
      count[0]++;
      write(out, digest, (event.seq() == 1 ? "" : ",") + json(event) + "\n");
    });
    String last = "],\"eventCount\":" + count[0] + ",\"sha256\":\"" + HexFormat.of().formatHex(digest.digest())
        + "\"}\n";
    out.write(last.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * Writes the contact's file as CSV (RFC 4180), one event a row, under one comment line naming
   * the contact and the time; {@code details} holds every recorded column of the event's row as
   * {@code COLUMN=value} pairs separated by {@code ; }. The stream is flushed, not closed.
   */
  public void writeCsv(String contactId, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CsvOut csv = new CsvOut(writer);
    csv.comment("DND Guard consent file of contact " + contactId + ", made " + clock.instant().truncatedTo(
        ChronoUnit.MILLIS) + "; the JSON form (Accept: application/json) carries its SHA-256");
    writer.write(CSV_HEADER_COLUMNS + "\r\n");
    merge(contactId, event -> csv.row(csvRow(event)));
    csv.flush();
  }

  /**
   * Whether a JSON consent file is whole and unchanged: its last line's {@code sha256} is the
   * SHA-256 of every byte before that line.
   */
  public static boolean verifies(byte[] file) {
    int end = file.length;
    if (end == 0 || file[end - 1] != '\n') {
      return false;
    }
    int lastLineStart = end - 1;
    while (lastLineStart > 0 && file[lastLineStart - 1] != '\n') {
      lastLineStart--;
    }
    String lastLine = new String(file, lastLineStart, end - lastLineStart, StandardCharsets.UTF_8);
    Matcher stated = Pattern.compile("\"sha256\":\"([0-9a-f]{64})\"").matcher(lastLine);
    if (lastLineStart == 0 || !stated.find()) {
      return false;
    }
    MessageDigest digest = sha256();
    digest.update(file, 0, lastLineStart);
    return MessageDigest.isEqual(HexFormat.of().formatHex(digest.digest()).getBytes(StandardCharsets.US_ASCII),
        stated.group(1).getBytes(StandardCharsets.US_ASCII));
  }

  private void merge(String contactId, Sink sink) throws IOException {
    Streams.read(dataSource, "the consent file of contact " + contactId,
        connection -> mergeOn(connection, contactId, sink));
  }

  private static void mergeOn(Connection connection, String contactId, Sink sink) throws Exception {
    List<RowCursor> cursors = new ArrayList<>();
    try {
      cursors.add(new RowCursor(connection, "PROVIDER_EVENT", 0, "SELECT pe.* FROM DND_PROVIDER_EVENT pe JOIN ("
          + "SELECT KIND AS K, ADDRESS AS A FROM DND_CONTACT_ADDRESS WHERE CONTACT_ID = ? UNION"
          + " SELECT ADDRESS_KIND, ADDRESS FROM DND_AUDIT WHERE CONTACT_ID = ? AND ADDRESS IS NOT NULL) ad"
          + " ON pe.ADDRESS_KIND = ad.K AND pe.ADDRESS = ad.A ORDER BY pe.RECEIVED_AT, pe.EVENT_KEY",
          "RECEIVED_AT", "EVENT_KEY", contactId, contactId));
      cursors.add(new RowCursor(connection, "AUDIT", 1,
          "SELECT * FROM DND_AUDIT WHERE CONTACT_ID = ? ORDER BY RECORDED_AT, ID", "RECORDED_AT", "ID", contactId));
      cursors.add(new RowCursor(connection, "STEP", 2,
          "SELECT * FROM DND_SKIP WHERE CONTACT_ID = ? ORDER BY RECORDED_AT, ID", "RECORDED_AT", "ID", contactId));
      cursors.add(new RowCursor(connection, "MESSAGE", 3,
          "SELECT * FROM DND_OUTBOX WHERE CONTACT_ID = ? ORDER BY CREATED_AT, ID", "CREATED_AT", "ID", contactId));
      PriorityQueue<RowCursor> heads = new PriorityQueue<>(RowCursor::compare);
      for (RowCursor cursor : cursors) {
        if (cursor.next()) {
          heads.add(cursor);
        }
      }
      long seq = 0;
      while (!heads.isEmpty()) {
        RowCursor head = heads.poll();
        sink.event(new Event(++seq, head.type(), head.at(), head.id(), head.row()));
        if (head.next()) {
          heads.add(head);
        }
      }
    } finally {
      for (RowCursor cursor : cursors) {
        cursor.close();
      }
    }
  }

  private static String json(Event event) throws JsonProcessingException {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("seq", event.seq());
    fields.put("at", event.at().toString());
    fields.put("type", event.type());
    fields.put("id", String.valueOf(event.id()));
    fields.put("what", event.what());
    String verifiedBy = event.verifiedBy();
    if (verifiedBy != null) {
      fields.put("verifiedBy", verifiedBy);
    }
    Map<String, Object> record = new LinkedHashMap<>();
    event.row().forEach((column, value) -> {
      if (value != null) {
        record.put(camel(column), value instanceof Instant instant ? instant.toString() : value);
      }
    });
    fields.put("record", record);
    return JSON.writeValueAsString(fields);
  }

  private static List<Object> csvRow(Event event) {
    Map<String, Object> row = event.row();
    boolean audit = event.type().equals("AUDIT");
    boolean provider = event.type().equals("PROVIDER_EVENT");
    boolean message = event.type().equals("MESSAGE");
    Object channel = audit ? row.get("TARGET") : provider ? row.get("ADDRESS_KIND") : row.get("CHANNEL");
    Object reason = message ? row.get("DND_REASON") : row.get("REASON");
    Object source = audit ? row.get("SOURCE") : provider ? row.get("PROVIDER") : message ? row.get("ORIGIN") : null;
    Object actor = audit || message ? row.get("ACTOR") : row.get("PROCESS_INSTANCE_ID");
    Object providerEventId = audit ? row.get("PROVIDER_EVENT_ID") : provider ? row.get("EVENT_KEY")
        : message ? row.get("PROVIDER_MESSAGE_ID") : null;
    Object messageId = audit ? row.get("MESSAGE_ID") : message ? row.get("ID") : null;
    StringJoiner details = new StringJoiner("; ");
    row.forEach((column, value) -> {
      if (value != null) {
        details.add(column + "=" + (value instanceof Instant instant ? instant.toString() : value));
      }
    });
    List<Object> fields = new ArrayList<>();
    fields.add(event.seq());
    fields.add(event.at());
    fields.add(event.type());
    fields.add(String.valueOf(event.id()));
    fields.add(event.what());
    fields.add(channel);
    fields.add(reason);
    fields.add(source);
    fields.add(actor);
    fields.add(providerEventId);
    fields.add(messageId);
    fields.add(event.verifiedBy());
    fields.add(details.toString());
    return fields;
  }

  /** {@code PROVIDER_EVENT_ID} becomes {@code providerEventId}. */
  static String camel(String column) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : column.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }

  private static void write(OutputStream out, MessageDigest digest, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update(bytes);
    out.write(bytes);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256", e);
    }
  }
}
