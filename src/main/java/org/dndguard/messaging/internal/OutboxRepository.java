package org.dndguard.messaging.internal;

import static org.dndguard.store.internal.Columns.instant;
import static org.dndguard.store.internal.Columns.truncate;
import static org.dndguard.store.internal.Columns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndReason;
import org.dndguard.messaging.ComplianceOutcome;
import org.dndguard.messaging.MessageLimit;
import org.dndguard.messaging.MessageOrigin;
import org.dndguard.messaging.MessageStatus;
import org.dndguard.messaging.NoProviderException;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.messaging.SmsEncoding;
import org.dndguard.store.internal.SqlDialect;
import org.dndguard.store.DndTables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The SQL of the outbox. Every method joins the caller's transaction, if there is one. Each change
 * of a claimed message names the claim and the status it expects, so a run whose claim was
 * recovered by another node changes nothing.
 */
public class OutboxRepository {

  private static final String COLUMNS = "ID, CONTACT_ID, CHANNEL, RECIPIENT, SUBJECT, BODY, ENCODING, SEGMENTS,"
      + " COMPLIANCE, ORIGIN, ACTOR, PROCESS_INSTANCE_ID, ACTIVITY_ID, STATUS, ATTEMPTS, NEXT_ATTEMPT_AT,"
      + " PROVIDER, PROVIDER_MESSAGE_ID, DND_REASON, DETAIL, CREATED_AT, UPDATED_AT, SENT_AT, TOPIC, HELD_UNTIL, LIMIT_MODE";

  private static final int DETAIL_LENGTH = 2000;

  private final JdbcClient jdbc;
  private final String idColumn;

  public OutboxRepository(DndTables tables) {
    this.jdbc = tables.jdbc();
    // PostgreSQL folds the unquoted DDL name to lower case, and its driver quotes the name we pass
    this.idColumn = tables.dialect() == SqlDialect.POSTGRESQL ? "id" : "ID";
  }

  /** A message to store: everything but what dispatch fills in later. */
  public record NewRow(String contactId, Channel channel, String recipient, String subject, String body,
      SmsSegments segments, ComplianceOutcome compliance, MessageOrigin origin, String actor,
      String processInstanceId, String activityId, Instant now, String topic, Instant heldUntil,
      MessageLimit limit) {
  }

  public long insert(NewRow row) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO DND_OUTBOX (CONTACT_ID, CHANNEL, RECIPIENT, SUBJECT, BODY, ENCODING, SEGMENTS, COMPLIANCE,"
            + " ORIGIN, ACTOR, PROCESS_INSTANCE_ID, ACTIVITY_ID, STATUS, ATTEMPTS, NEXT_ATTEMPT_AT, CREATED_AT,"
            + " UPDATED_AT, TOPIC, HELD_UNTIL, LIMIT_MODE)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?, ?)")
        .params(row.contactId(), row.channel().name(), row.recipient(), row.subject(), row.body(),
            row.segments() == null ? null : row.segments().encoding().name(),
            row.segments() == null ? null : row.segments().segments(), row.compliance().name(), row.origin().name(),
            row.actor(), row.processInstanceId(), row.activityId(),
            utc(row.heldUntil() == null ? row.now() : row.heldUntil()), utc(row.now()), utc(row.now()), row.topic(),
            utc(row.heldUntil()), row.limit().name())
        .update(keys, idColumn);
    return keys.getKey().longValue();
  }

  public Optional<OutboxMessage> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM DND_OUTBOX WHERE ID = ?").param(id)
        .query(OutboxRepository::map).optional();
  }

  /** A contact's messages, newest first, of one status or all. */
  public List<OutboxMessage> ofContact(String contactId, MessageStatus status, int page, int size) {
    if (status == null) {
      return jdbc.sql("SELECT " + COLUMNS + " FROM DND_OUTBOX WHERE CONTACT_ID = ?"
              + " ORDER BY ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
          .params(contactId, (long) page * size, size)
          .query(OutboxRepository::map).list();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM DND_OUTBOX WHERE CONTACT_ID = ? AND STATUS = ?"
            + " ORDER BY ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
        .params(contactId, status.name(), (long) page * size, size)
        .query(OutboxRepository::map).list();
  }

  /** Every contact's messages of one status, newest first. */
  public List<OutboxMessage> withStatus(MessageStatus status, int page, int size) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM DND_OUTBOX WHERE STATUS = ?"
            + " ORDER BY ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
        .params(status.name(), (long) page * size, size)
        .query(OutboxRepository::map).list();
  }

  /**
   * When the last SMS to the contact at this number that carried the compliance text was queued.
   * One that was blocked or failed never reached the contact, so it does not count.
   */
  public Optional<Instant> lastComplianceTextAt(String contactId, String recipient) {
    return jdbc.sql("SELECT MAX(CREATED_AT) AS LAST_AT FROM DND_OUTBOX WHERE CONTACT_ID = ? AND CHANNEL = 'SMS'"
            + " AND RECIPIENT = ? AND COMPLIANCE = 'ADDED' AND STATUS NOT IN ('BLOCKED', 'FAILED', 'LOGGED')")
        .params(contactId, recipient)
        .query((rs, n) -> Optional.ofNullable(instant(rs, "LAST_AT")))
        .single();
  }

  public Optional<String> contactIdForProviderMessage(String providerMessageId) {
    return jdbc.sql("SELECT CONTACT_ID FROM DND_OUTBOX WHERE PROVIDER_MESSAGE_ID = ? ORDER BY ID"
            + " FETCH FIRST 1 ROWS ONLY")
        .param(providerMessageId).query(String.class).optional();
  }

  // --- dispatch ---

  /**
   * Claims up to {@code limit} due messages for one run, in queue order. Must run in a transaction:
   * the rows are locked while they are claimed, and rows that another run holds are skipped rather
   * than waited for.
   */
  public List<OutboxMessage> claim(String claimId, Instant now, int limit) {
    List<Long> ids = jdbc.sql("SELECT ID FROM DND_OUTBOX WHERE STATUS = 'PENDING' AND NEXT_ATTEMPT_AT <= ?"
            + " ORDER BY ID FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED")
        .params(utc(now), limit).query(Long.class).list();
    if (ids.isEmpty()) {
      return List.of();
    }
    // the status condition keeps the claim correct even where a lock was not taken
    jdbc.sql("UPDATE DND_OUTBOX SET STATUS = 'CLAIMED', CLAIM_ID = :claim, CLAIMED_AT = :now, UPDATED_AT = :now"
            + " WHERE ID IN (:ids) AND STATUS = 'PENDING'")
        .param("claim", claimId).param("now", utc(now)).param("ids", ids)
        .update();
    return jdbc.sql("SELECT " + COLUMNS + " FROM DND_OUTBOX WHERE CLAIM_ID = ? AND STATUS = 'CLAIMED' ORDER BY ID")
        .param(claimId).query(OutboxRepository::map).list();
  }

  /** CLAIMED to SENDING, just before the provider is called; false when the claim was lost. */
  public boolean startSending(long id, String claimId, Instant now) {
    return jdbc.sql("UPDATE DND_OUTBOX SET STATUS = 'SENDING', ATTEMPTS = ATTEMPTS + 1, CLAIMED_AT = ?,"
            + " UPDATED_AT = ? WHERE ID = ? AND CLAIM_ID = ? AND STATUS = 'CLAIMED'")
        .params(utc(now), utc(now), id, claimId).update() == 1;
  }

  /** SENDING to SENT, with the provider's id for the message. */
  public boolean markSent(long id, String claimId, String provider, String providerMessageId, Instant now) {
    return endClaim(id, claimId, "'SENDING'", "STATUS = 'SENT', PROVIDER = ?, PROVIDER_MESSAGE_ID = ?, DETAIL = NULL,"
        + " SENT_AT = ?", now, provider, providerMessageId, utc(now));
  }

  /**
   * SENDING to UNKNOWN: the provider accepted the message but its answer could not be recorded; it
   * is never sent again.
   */
  boolean markUnknown(long id, String claimId, String provider, String detail, Instant now) {
    return endClaim(id, claimId, "'SENDING'", "STATUS = 'UNKNOWN', PROVIDER = ?, DETAIL = ?", now,
        provider, truncate(detail, DETAIL_LENGTH));
  }

  /**
   * SENDING to LOGGED: no provider, the log-only dispatcher logged it; nothing was sent.
   */
  boolean markLogged(long id, String claimId, String provider, Instant now) {
    return endClaim(id, claimId, "'SENDING'", "STATUS = 'LOGGED', PROVIDER = ?, DETAIL = ?", now, provider,
        "Only logged, never sent: no provider sends the channel and " + NoProviderException.LOG_ONLY_PROPERTY
        + "=true");
  }

  /**
   * SENDING to BLOCKED, the provider having said the recipient opted out, with the DND for the
   * address still owed: setting it failed, and every dispatch run tries again ({@link #owedOptOuts}).
   */
  boolean markBlockedOwingDnd(long id, String claimId, String provider, DndReason reason, String source, String code,
      String detail, Instant now) {
    return endClaim(id, claimId, "'SENDING'", "STATUS = 'BLOCKED', PROVIDER = ?, DND_REASON = ?, OPT_OUT_SOURCE = ?,"
        + " OPT_OUT_CODE = ?, DETAIL = ?", now, provider, reason.name(), source, code, truncate(detail, DETAIL_LENGTH));
  }

  /** A DND a provider's opt-out answer asked for and that could not be set yet. */
  record OwedOptOut(OutboxMessage message, String source, String code) {
  }

  /** The messages whose opt-out DND is still owed, oldest first. */
  List<OwedOptOut> owedOptOuts(int limit) {
    return jdbc.sql("SELECT " + COLUMNS + ", OPT_OUT_SOURCE, OPT_OUT_CODE FROM DND_OUTBOX"
            + " WHERE OPT_OUT_SOURCE IS NOT NULL ORDER BY ID FETCH FIRST ? ROWS ONLY")
        .param(limit)
        .query((rs, n) -> new OwedOptOut(map(rs, n), rs.getString("OPT_OUT_SOURCE"), rs.getString("OPT_OUT_CODE")))
        .list();
  }

  /** The owed DND is set: the message no longer owes it. */
  boolean settleOptOut(long id, String detail, Instant now) {
    return jdbc.sql("UPDATE DND_OUTBOX SET OPT_OUT_SOURCE = NULL, OPT_OUT_CODE = NULL, DETAIL = ?, UPDATED_AT = ?"
            + " WHERE ID = ? AND OPT_OUT_SOURCE IS NOT NULL")
        .params(truncate(detail, DETAIL_LENGTH), utc(now), id).update() == 1;
  }

  /**
   * A copy of an UNKNOWN or FAILED message that an operator sends again: the same final body, new
   * and PENDING, by the operator.
   */
  public long insertResend(OutboxMessage original, String actor, Instant now) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO DND_OUTBOX (CONTACT_ID, CHANNEL, RECIPIENT, SUBJECT, BODY, ENCODING, SEGMENTS, COMPLIANCE,"
            + " ORIGIN, ACTOR, PROCESS_INSTANCE_ID, ACTIVITY_ID, STATUS, ATTEMPTS, NEXT_ATTEMPT_AT, CREATED_AT,"
            + " UPDATED_AT, TOPIC, DETAIL) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'MANUAL', ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?)")
        .params(original.contactId(), original.channel().name(), original.recipient(), original.subject(),
            original.body(), original.encoding() == null ? null : original.encoding().name(), original.segments(),
            original.compliance().name(), actor, original.processInstanceId(), original.activityId(), utc(now),
            utc(now), utc(now), original.topic(), "Resend of message " + original.id() + " (" + original.status()
                + ") by " + actor)
        .update(keys, idColumn);
    return keys.getKey().longValue();
  }

  /** To BLOCKED: DND found before sending (CLAIMED), or the provider said the recipient opted out (SENDING). */
  public boolean markBlocked(long id, String claimId, DndReason reason, String detail, Instant now) {
    return endClaim(id, claimId, "'CLAIMED', 'SENDING'", "STATUS = 'BLOCKED', DND_REASON = ?, DETAIL = ?", now,
        reason == null ? null : reason.name(), truncate(detail, DETAIL_LENGTH));
  }

  /** SENDING back to PENDING after a failed attempt, due again at {@code nextAttemptAt}. */
  boolean retryLater(long id, String claimId, String provider, Instant nextAttemptAt, String detail, Instant now) {
    return endClaim(id, claimId, "'SENDING'", "STATUS = 'PENDING', PROVIDER = ?, NEXT_ATTEMPT_AT = ?, DETAIL = ?,"
        + " CLAIMED_AT = NULL", now, provider, utc(nextAttemptAt), truncate(detail, DETAIL_LENGTH));
  }

  /** SENDING to FAILED: the provider refused it, or it was the last attempt. */
  boolean markFailed(long id, String claimId, String provider, String detail, Instant now) {
    return endClaim(id, claimId, "'SENDING'", "STATUS = 'FAILED', PROVIDER = ?, DETAIL = ?", now,
        provider, truncate(detail, DETAIL_LENGTH));
  }

  /** CLAIMED back to PENDING without an attempt: nothing was sent. */
  public boolean release(long id, String claimId, Instant nextAttemptAt, String detail, Instant now) {
    return endClaim(id, claimId, "'CLAIMED'", "STATUS = 'PENDING', NEXT_ATTEMPT_AT = ?, DETAIL = ?, CLAIMED_AT = NULL",
        now, utc(nextAttemptAt), truncate(detail, DETAIL_LENGTH));
  }

  /**
   * Whether the run still holds its claim on the message, locking the row to the end of the
   * caller's transaction: a place in the communication limits is taken only for a message the run
   * will hand to a provider.
   */
  public boolean stillClaimed(long id, String claimId, Instant now) {
    return jdbc.sql("UPDATE DND_OUTBOX SET UPDATED_AT = ? WHERE ID = ? AND CLAIM_ID = ? AND STATUS = 'CLAIMED'")
        .params(utc(now), id, claimId).update() == 1;
  }

  /** CLAIMED back to PENDING, held for quiet hours or a communication limit until it may go. */
  public boolean holdUntil(long id, String claimId, Instant until, String detail, Instant now) {
    return endClaim(id, claimId, "'CLAIMED'", "STATUS = 'PENDING', NEXT_ATTEMPT_AT = ?, HELD_UNTIL = ?, DETAIL = ?,"
        + " CLAIMED_AT = NULL", now, utc(until), utc(until), truncate(detail, DETAIL_LENGTH));
  }

  /**
   * Ends the claim on a message that is in one of the statuses, setting the columns; false when the
   * claim no longer holds it (a stale-claim recovery took it), so nothing is changed.
   *
   * @param fromStatuses the statuses the message may be in, quoted, e.g. {@code 'CLAIMED', 'SENDING'}
   * @param set the columns to set, with {@code ?} for the values
   */
  private boolean endClaim(long id, String claimId, String fromStatuses, String set, Instant now, Object... values) {
    List<Object> params = new ArrayList<>(Arrays.asList(values));
    params.addAll(Arrays.asList(utc(now), id, claimId));
    return jdbc.sql("UPDATE DND_OUTBOX SET " + set + ", UPDATED_AT = ?, CLAIM_ID = NULL"
            + " WHERE ID = ? AND CLAIM_ID = ? AND STATUS IN (" + fromStatuses + ")")
        .params(params).update() == 1;
  }

  /** Claims of runs that stopped before they got to a message: nothing was sent, so they are due again. */
  public int releaseStaleClaims(Instant claimedBefore, Instant now) {
    return jdbc.sql("UPDATE DND_OUTBOX SET STATUS = 'PENDING', CLAIM_ID = NULL, CLAIMED_AT = NULL, UPDATED_AT = ?"
            + " WHERE STATUS = 'CLAIMED' AND CLAIMED_AT < ?")
        .params(utc(now), utc(claimedBefore)).update();
  }

  /**
   * Messages whose run stopped while the provider had them: whether they went out is unknown, and
   * sending them again could send them twice, so they fail, visibly.
   */
  public int failStaleSends(Instant claimedBefore, String detail, Instant now) {
    return jdbc.sql("UPDATE DND_OUTBOX SET STATUS = 'UNKNOWN', DETAIL = ?, CLAIM_ID = NULL, UPDATED_AT = ?"
            + " WHERE STATUS = 'SENDING' AND CLAIMED_AT < ?")
        .params(truncate(detail, DETAIL_LENGTH), utc(now), utc(claimedBefore)).update();
  }

  private static OutboxMessage map(ResultSet rs, int row) throws SQLException {
    String encoding = rs.getString("ENCODING");
    int segments = rs.getInt("SEGMENTS");
    boolean noSegments = rs.wasNull();
    String reason = rs.getString("DND_REASON");
    String limit = rs.getString("LIMIT_MODE");
    return new OutboxMessage(rs.getLong("ID"), rs.getString("CONTACT_ID"), Channel.valueOf(rs.getString("CHANNEL")),
        rs.getString("RECIPIENT"), rs.getString("SUBJECT"), rs.getString("BODY"),
        encoding == null ? null : SmsEncoding.valueOf(encoding), noSegments ? null : segments,
        ComplianceOutcome.valueOf(rs.getString("COMPLIANCE")), MessageOrigin.valueOf(rs.getString("ORIGIN")),
        rs.getString("ACTOR"), rs.getString("PROCESS_INSTANCE_ID"), rs.getString("ACTIVITY_ID"),
        MessageStatus.valueOf(rs.getString("STATUS")), rs.getInt("ATTEMPTS"), instant(rs, "NEXT_ATTEMPT_AT"),
        rs.getString("PROVIDER"), rs.getString("PROVIDER_MESSAGE_ID"),
        reason == null ? null : DndReason.valueOf(reason), rs.getString("DETAIL"), instant(rs, "CREATED_AT"),
        instant(rs, "UPDATED_AT"), instant(rs, "SENT_AT"), rs.getString("TOPIC"), instant(rs, "HELD_UNTIL"),
        limit == null ? MessageLimit.LIMITED : MessageLimit.valueOf(limit));
  }
}
