package org.dndguard.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Judges every communication step that committed against its contact's DND changes, by what
 * PostgreSQL says the step's transaction could see. The probe took a snapshot just before DND
 * Guard's check and one just after the step's work; the DND changes of one contact commit one
 * after the other (each holds the contact's row lock), so each snapshot saw a prefix of the
 * contact's audit trail. The check read the contact's DND somewhere between the two.
 *
 * <p>A step that ran although its channel was blocked in every state from its first snapshot to
 * its last ran after an opt-out had committed: that is the bug this looks for. A step that was
 * skipped although its channel was free all along was held back wrongly. A step whose window
 * contains a change raced with it and may go either way: the window that remains.
 */
final class StepTimeline {

  /** A committed step and how much of its contact's trail it could see. */
  record Step(String activityInstanceId, String processInstanceId, String activityId, String contactId, int round,
      String node, boolean skipped, int seenAtStart, long lastSeenAtStart, int seenAtEnd, long lastSeenAtEnd) {

    Channel channel() {
      return switch (activityId) {
        case "sendSms" -> Channel.SMS;
        case "sendEmail" -> Channel.EMAIL;
        default -> throw new IllegalStateException("The probe is not on step " + activityId);
      };
    }

    @Override
    public String toString() {
      return activityId + " (round " + round + ") of contact " + contactId + " on " + node + ", process instance "
          + processInstanceId + (skipped ? ", skipped" : ", ran");
    }
  }

  /** One SET or CLEARED row of a contact's audit trail. */
  record Change(long id, String action, DndTarget target, DndReason reason) {
  }

  /** What the steps were found to do. */
  record Judgement(List<Step> steps, List<String> ranWhileBlocked, List<String> skippedWhileFree,
      List<String> unorderedTrails, int raced, long unfinished) {

    long ran() {
      return steps.stream().filter(s -> !s.skipped()).count();
    }

    long skipped() {
      return steps.stream().filter(Step::skipped).count();
    }
  }

  private StepTimeline() {
  }

  /** Judges the committed steps of the contacts whose ids start with the prefix. */
  static Judgement judge(JdbcClient sql, String contactPrefix) {
    List<Step> steps = steps(sql, contactPrefix);
    Map<String, List<Change>> trails = trails(sql, contactPrefix);
    List<String> ranWhileBlocked = new ArrayList<>();
    List<String> skippedWhileFree = new ArrayList<>();
    Set<String> unordered = new HashSet<>();
    int raced = 0;
    for (Step step : steps) {
      List<Change> trail = trails.getOrDefault(step.contactId(), List.of());
      if (!isPrefix(trail, step.seenAtStart(), step.lastSeenAtStart())
          || !isPrefix(trail, step.seenAtEnd(), step.lastSeenAtEnd())) {
        unordered.add(step.contactId());
        continue;
      }
      boolean blockedAll = true;
      boolean freeAll = true;
      for (int seen = step.seenAtStart(); seen <= step.seenAtEnd(); seen++) {
        boolean blocked = blockedAfter(trail, seen, step.channel());
        blockedAll &= blocked;
        freeAll &= !blocked;
      }
      if (!step.skipped() && blockedAll) {
        ranWhileBlocked.add(step + ": " + step.channel() + " was in DND from before the step started (audit row "
            + step.lastSeenAtStart() + ") until after it ended");
      } else if (step.skipped() && freeAll) {
        skippedWhileFree.add(step + ": " + step.channel() + " was free from before the step started until after it"
            + " ended");
      } else if (!blockedAll && !freeAll) {
        raced++;
      }
    }
    // a committed step without its second snapshot would mean the probe missed the step's end
    long unfinished = sql.sql("SELECT COUNT(*) FROM CLUSTER_STEP WHERE CONTACT_ID LIKE ? AND SNAPSHOT_AT_END IS NULL")
        .param(contactPrefix + "%").query(Long.class).single();
    return new Judgement(steps, ranWhileBlocked, skippedWhileFree, List.copyOf(unordered), raced, unfinished);
  }

  private static List<Step> steps(JdbcClient sql, String contactPrefix) {
    String seen = "SELECT COUNT(*) AS SEEN, COALESCE(MAX(a.ID), 0) AS LAST_ID FROM DND_AUDIT a"
        + " WHERE a.CONTACT_ID = s.CONTACT_ID AND a.ACTION IN ('SET', 'CLEARED')"
        + " AND pg_visible_in_snapshot(a.xmin::text::xid8, s.%s::pg_snapshot)";
    return sql.sql("SELECT s.ACTIVITY_INSTANCE_ID, s.PROCESS_INSTANCE_ID, s.ACTIVITY_ID, s.CONTACT_ID, s.ROUND,"
            + " s.NODE, EXISTS (SELECT 1 FROM DND_SKIP k WHERE k.PROCESS_INSTANCE_ID = s.PROCESS_INSTANCE_ID"
            + "   AND k.ACTIVITY_INSTANCE_ID = s.ACTIVITY_INSTANCE_ID) AS SKIPPED,"
            + " b.SEEN AS SEEN_AT_START, b.LAST_ID AS LAST_AT_START, e.SEEN AS SEEN_AT_END, e.LAST_ID AS LAST_AT_END"
            + " FROM CLUSTER_STEP s"
            + " CROSS JOIN LATERAL (" + seen.formatted("SNAPSHOT_AT_START") + ") b"
            + " CROSS JOIN LATERAL (" + seen.formatted("SNAPSHOT_AT_END") + ") e"
            + " WHERE s.CONTACT_ID LIKE ? AND s.SNAPSHOT_AT_END IS NOT NULL ORDER BY s.CONTACT_ID, s.ACTIVITY_INSTANCE_ID")
        .param(contactPrefix + "%")
        .query((rs, n) -> new Step(rs.getString("ACTIVITY_INSTANCE_ID"), rs.getString("PROCESS_INSTANCE_ID"),
            rs.getString("ACTIVITY_ID"), rs.getString("CONTACT_ID"), rs.getInt("ROUND"), rs.getString("NODE"),
            rs.getBoolean("SKIPPED"), rs.getInt("SEEN_AT_START"), rs.getLong("LAST_AT_START"),
            rs.getInt("SEEN_AT_END"), rs.getLong("LAST_AT_END")))
        .list();
  }

  private static Map<String, List<Change>> trails(JdbcClient sql, String contactPrefix) {
    Map<String, List<Change>> trails = new LinkedHashMap<>();
    sql.sql("SELECT ID, CONTACT_ID, ACTION, TARGET, REASON FROM DND_AUDIT WHERE CONTACT_ID LIKE ?"
            + " AND ACTION IN ('SET', 'CLEARED') ORDER BY CONTACT_ID, ID")
        .param(contactPrefix + "%")
        .query(rs -> {
          trails.computeIfAbsent(rs.getString("CONTACT_ID"), id -> new ArrayList<>()).add(new Change(rs.getLong("ID"),
              rs.getString("ACTION"), DndTarget.valueOf(rs.getString("TARGET")),
              DndReason.valueOf(rs.getString("REASON"))));
        });
    return trails;
  }

  /** Whether the rows a snapshot saw are the first {@code seen} of the trail, as serialised changes must be. */
  private static boolean isPrefix(List<Change> trail, int seen, long lastSeenId) {
    return seen == 0 ? lastSeenId == 0 : seen <= trail.size() && trail.get(seen - 1).id() == lastSeenId;
  }

  /** Whether the channel is blocked once the first {@code seen} changes of the trail are applied. */
  private static boolean blockedAfter(List<Change> trail, int seen, Channel channel) {
    Set<String> active = new HashSet<>();
    for (Change change : trail.subList(0, seen)) {
      String entry = change.target() + "/" + change.reason();
      if (change.action().equals("SET")) {
        active.add(entry);
      } else {
        active.remove(entry);
      }
    }
    return active.stream().map(e -> DndTarget.valueOf(e.substring(0, e.indexOf('/')))).anyMatch(t -> t.blocks(channel));
  }
}
