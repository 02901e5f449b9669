package org.dndguard.store.internal;

import static org.dndguard.store.internal.Columns.utc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dndguard.contact.Channel;
import org.dndguard.contact.internal.CommunicationLimits;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.internal.LimitRule;
import org.dndguard.contact.internal.LimitWindow;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.DndTables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The communication limit rules in force: those of the properties ({@code dnd.limits.rules}),
 * which only a restart changes, and those an operator set through the API, stored in
 * {@code DND_LIMIT_RULE} and read anew for every check, so every node applies a change at once.
 * A check reads the stored rows in a statement it runs anyway ({@link CommunicationCounts}); only
 * when they differ from the last rows read are they parsed and combined again. Every change is
 * audited.
 */
public class LimitRules {

  // names, channels, topics and windows hold neither separator (LimitRule and LimitWindow refuse them)
  private static final String ROW_SEPARATOR = ";";
  private static final String COLUMN_SEPARATOR = "|";
  private static final String COLUMN_SEPARATOR_PATTERN = "\\|";
  private static final String SELECT = "SELECT NAME, CHANNELS, TOPICS, PER_TOPIC, MAX_COUNT, TIME_WINDOW"
      + " FROM DND_LIMIT_RULE ORDER BY NAME";

  private final JdbcClient jdbc;
  private final List<LimitRule> configured;
  private final Set<String> configuredNames;
  private final AuditTrail audit;
  private final TransactionTemplate transactions;
  private final Clock clock;
  // the stored rows last read and the rules they make with the configured ones; replaced, never changed
  private volatile Snapshot last;
  private final String storedRules;

  /**
   * @param configured the rules of the properties
   * @throws InvalidDndInputException when two of them share a name
   */
  public LimitRules(DndTables tables, List<LimitRule> configured, AuditTrail audit,
      PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = tables.jdbc();
    this.storedRules = tables.dialect().joinedText("NAME || '" + COLUMN_SEPARATOR + "' || CHANNELS || '"
        + COLUMN_SEPARATOR + "' || TOPICS || '" + COLUMN_SEPARATOR + "' || CASE WHEN PER_TOPIC THEN '1' ELSE '0' END"
        + " || '" + COLUMN_SEPARATOR + "' || CAST(MAX_COUNT AS VARCHAR(11)) || '" + COLUMN_SEPARATOR
        + "' || TIME_WINDOW", ROW_SEPARATOR, "NAME");
    this.configured = List.copyOf(new CommunicationLimits(configured).rules());
    this.configuredNames = this.configured.stream().map(LimitRule::name).collect(Collectors.toUnmodifiableSet());
    this.audit = Objects.requireNonNull(audit, "audit");
    this.transactions = new TransactionTemplate(Objects.requireNonNull(transactionManager, "transactionManager"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The rules of the properties only: for code that has no database (tests). */
  public List<LimitRule> configured() {
    return configured;
  }

  /** Whether the rule comes from the properties (and so cannot be changed through the API). */
  public boolean isConfigured(String name) {
    return configuredNames.contains(name);
  }

  /** Every rule in force: the properties' first, then the stored ones by name. */
  public CommunicationLimits current() {
    return combine(jdbc.sql(SELECT).query((rs, n) -> map(rs)).list());
  }

  /** Every rule in force, read on the caller's connection (an engine command's), which stays open. */
  public CommunicationLimits current(Connection connection) throws SQLException {
    return snapshot(connection).limits();
  }

  /**
   * An expression over {@code DND_LIMIT_RULE} that gives every stored rule, all its columns, as
   * one text (null when there is none): a statement the caller runs anyway reads it along, and
   * {@link #snapshot(String)} parses it only when it changed since the last check on this node.
   */
  String storedRulesColumn() {
    return storedRules;
  }

  /** The stored rules as read now on the caller's connection, and the rules in force with them. */
  Snapshot snapshot(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT " + storedRules + " FROM DND_LIMIT_RULE");
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return snapshot(rs.getString(1));
    }
  }

  /**
   * The rules in force with the stored rules as {@link #storedRulesColumn()} gave them: the last
   * snapshot when they are the same text (nothing parsed), else a new one.
   */
  Snapshot snapshot(String stored) {
    String text = stored == null ? "" : stored;
    Snapshot known = last;
    if (known != null && text.equals(known.stored())) {
      return known;
    }
    List<LimitRule> rules = new ArrayList<>();
    if (!text.isEmpty()) {
      for (String row : text.split(ROW_SEPARATOR)) {
        String[] columns = row.split(COLUMN_SEPARATOR_PATTERN, -1);
        rules.add(rule(columns[0], columns[1], columns[2], "1".equals(columns[3]), Integer.parseInt(columns[4]),
            columns[5]));
      }
    }
    CommunicationLimits limits = combine(rules);
    Snapshot fresh = new Snapshot(text, limits, version(limits));
    last = fresh;
    return fresh;
  }

  /** The last snapshot read on this node, or the configured rules only before any: a guess that a read checks. */
  Snapshot lastRead() {
    Snapshot known = last;
    if (known != null) {
      return known;
    }
    CommunicationLimits limits = new CommunicationLimits(configured);
    return new Snapshot(null, limits, version(limits));
  }

  /**
   * What names the rules in force in a contact's tally ({@link CommunicationCounts}): a digest of
   * every rule, the properties' ones too, so a tally set under other rules (another node's
   * properties, rules since changed) never lets a step go on the fast path.
   */
  private static String version(CommunicationLimits limits) {
    StringBuilder text = new StringBuilder();
    for (LimitRule rule : limits.rules()) {
      text.append(rule.name()).append('|').append(rule.channels().stream().map(Channel::name).sorted()
              .collect(Collectors.joining(","))).append('|').append(String.join(",", new TreeSet<>(rule.topics())))
          .append('|').append(rule.perTopic()).append('|').append(rule.count()).append('|').append(rule.window())
          .append(';');
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /**
   * The rules in force and the stored rules' text they were made from.
   *
   * @param stored the text of {@link #storedRulesColumn()}, empty for no stored rule; null when none was read yet
   * @param version a digest of every rule in force, which a contact's tally keeps
   */
  record Snapshot(String stored, CommunicationLimits limits, String version) {
  }

  /** One rule in force, by name. */
  public Optional<LimitRule> find(String name) {
    return current().rules().stream().filter(rule -> rule.name().equals(name)).findFirst();
  }

  /**
   * Creates or replaces a stored rule and audits it.
   *
   * @return true when the rule is new
   * @throws InvalidDndInputException when the name is a rule of the properties
   */
  public boolean put(LimitRule rule, Evidence evidence) {
    refuseConfigured(rule.name(), "changed");
    return Boolean.TRUE.equals(transactions.execute(tx -> {
      int updated = jdbc.sql("UPDATE DND_LIMIT_RULE SET CHANNELS = ?, TOPICS = ?, PER_TOPIC = ?, MAX_COUNT = ?,"
              + " TIME_WINDOW = ?, CHANGED_BY = ?, CHANGED_AT = ? WHERE NAME = ?")
          .params(channels(rule), String.join(",", rule.topics()), rule.perTopic(), rule.count(),
              rule.window().toString(), evidence.actor(), utc(evidence.receivedAt()), rule.name())
          .update();
      if (updated == 0) {
        jdbc.sql("INSERT INTO DND_LIMIT_RULE (NAME, CHANNELS, TOPICS, PER_TOPIC, MAX_COUNT, TIME_WINDOW, CHANGED_BY,"
                + " CHANGED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .params(rule.name(), channels(rule), String.join(",", rule.topics()), rule.perTopic(), rule.count(),
                rule.window().toString(), evidence.actor(), utc(evidence.receivedAt()))
            .update();
      }
      forgetTallies();
      audit.append(AuditRecord.of(null, AuditAction.LIMIT_RULE_SET, evidence,
          "limit rule " + rule.name() + (updated == 0 ? " created: " : " changed to: ") + rule.describe(),
          clock.instant()));
      return updated == 0;
    }));
  }

  /**
   * Deletes a stored rule and audits it.
   *
   * @return false when there was no such stored rule (nothing is audited then)
   * @throws InvalidDndInputException when the name is a rule of the properties
   */
  public boolean delete(String name, Evidence evidence) {
    refuseConfigured(name, "deleted");
    return Boolean.TRUE.equals(transactions.execute(tx -> {
      Optional<LimitRule> old = jdbc.sql(SELECT.replace(" ORDER BY NAME", " WHERE NAME = ?")).param(name)
          .query((rs, n) -> map(rs)).optional();
      if (old.isEmpty()) {
        return false;
      }
      jdbc.sql("DELETE FROM DND_LIMIT_RULE WHERE NAME = ?").param(name).update();
      forgetTallies();
      audit.append(AuditRecord.of(null, AuditAction.LIMIT_RULE_DELETED, evidence,
          "limit rule " + name + " deleted; it was: " + old.get().describe(), clock.instant()));
      return true;
    }));
  }

  /**
   * In the transaction that changes a stored rule: every contact's tally was set under the old
   * rules, and a node that has not read the new ones yet would still trust it; without one, the
   * next step of each contact, on any node, takes the exact check, which reads the rules anew.
   */
  private void forgetTallies() {
    jdbc.sql("UPDATE DND_CONTACT SET TALLY_SINCE = NULL WHERE TALLY_SINCE IS NOT NULL").update();
  }

  private void refuseConfigured(String name, String what) {
    if (isConfigured(name)) {
      throw new InvalidDndInputException("name", "limit rule '" + name + "' is set in the properties"
          + " (dnd.limits.rules) and cannot be " + what + " through the API; change the properties, or give the"
          + " API rule another name");
    }
  }

  private CommunicationLimits combine(List<LimitRule> stored) {
    if (stored.isEmpty()) {
      return new CommunicationLimits(configured);
    }
    Map<String, LimitRule> byName = stored.stream().collect(Collectors.toMap(LimitRule::name, Function.identity()));
    List<LimitRule> all = new ArrayList<>(configured);
    // a stored rule with a configured rule's name (stored before the properties named it) gives way
    byName.values().stream().filter(rule -> !configuredNames.contains(rule.name()))
        .sorted(Comparator.comparing(LimitRule::name)).forEach(all::add);
    return new CommunicationLimits(all);
  }

  private static String channels(LimitRule rule) {
    return rule.channels().stream().map(Channel::name).sorted().collect(Collectors.joining(","));
  }

  private static LimitRule map(ResultSet rs) throws SQLException {
    return rule(rs.getString("NAME"), rs.getString("CHANNELS"), rs.getString("TOPICS"), rs.getBoolean("PER_TOPIC"),
        rs.getInt("MAX_COUNT"), rs.getString("TIME_WINDOW"));
  }

  private static LimitRule rule(String name, String channelNames, String topics, boolean perTopic, int count,
      String window) {
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    for (String channel : split(channelNames)) {
      channels.add(Channel.valueOf(channel));
    }
    return new LimitRule(name, channels, new TreeSet<>(split(topics)), perTopic, count, LimitWindow.parse(window));
  }

  private static Set<String> split(String text) {
    if (text == null || text.isBlank()) {
      return Set.of();
    }
    return new LinkedHashSet<>(Arrays.asList(text.split(",")));
  }
}
