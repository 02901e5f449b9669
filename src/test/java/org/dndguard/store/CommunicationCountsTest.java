package org.dndguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.internal.LimitBreach;
import org.dndguard.contact.internal.LimitRule;
import org.dndguard.contact.internal.LimitWindow;
import org.dndguard.contact.internal.QuietHours;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.internal.CommunicationCounts.Kind;
import org.dndguard.store.internal.ContactTimeZones;
import org.dndguard.store.internal.LimitRules;
import org.dndguard.store.internal.SqlDialect;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The check and the count of communication limits as one atomic step, on each real database: the
 * contact's row is locked first, so of many transactions racing for the last places (on more
 * threads than the pool has connections) exactly as many win as the rule allows.
 */
class CommunicationCountsTest {

  private static final Instant NOON_CHICAGO = Instant.parse("2026-03-04T18:00:00Z");

  private static HikariDataSource pool(SqlDialect dialect, int size) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(dialect == SqlDialect.H2 ? TestDatabases.h2() : TestDatabases.postgres());
    config.setMaximumPoolSize(size);
    config.setAutoCommit(true);
    return new HikariDataSource(config);
  }

  private record Setup(StoreFixture store, CommunicationCounts counts, LimitRules rules) {
  }

  private static Setup setup(DataSource dataSource, LimitRule... configured) {
    DndSchema schema = DndSchema.migrate(dataSource);
    StoreFixture store = new StoreFixture(dataSource, schema);
    LimitRules rules = new LimitRules(store.tables, List.of(configured), store.audit, store.transactions,
        store.clock);
    ContactTimeZones zones = new ContactTimeZones(store.tables, QuietHours.none(), ZoneId.of("UTC"));
    return new Setup(store, new CommunicationCounts(store.tables, rules, zones), rules);
  }

  private static String contact(StoreFixture store, String id, String timeZone) {
    store.contacts.register(id, new ContactAddresses("+1 312 555 0100", null, null, null, null),
        Evidence.user("test", store.clock.instant()));
    if (timeZone != null) {
      store.jdbc.sql("UPDATE DND_CONTACT SET TIME_ZONE = ? WHERE CONTACT_ID = ?").params(timeZone, id).update();
    }
    return id;
  }

  private static Optional<LimitBreach> take(Setup setup, String contactId, Channel channel, Instant at) {
    return take(setup, contactId, channel, null, at);
  }

  private static Optional<LimitBreach> take(Setup setup, String contactId, Channel channel, String topic,
      Instant at) {
    return setup.store.transaction().execute(tx -> {
      Connection connection = DataSourceUtils.getConnection(setup.store.dataSource);
      try {
        return setup.counts.take(connection, contactId, channel, topic, Kind.STEP, "step-" + at, at, true);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      } finally {
        DataSourceUtils.releaseConnection(connection, setup.store.dataSource);
      }
    });
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void ofManyTransactionsRacingForTheLastPlacesExactlyTheRuleCountWin(SqlDialect dialect) throws Exception {
    HikariDataSource pool = pool(dialect, 4);
    Setup setup = setup(pool, new LimitRule("sms-daily", Set.of(Channel.SMS), Set.of(), false, 3,
        LimitWindow.parse("DAY")));
    String contactId = contact(setup.store, "c-race", "America/Chicago");
    List<Optional<LimitBreach>> results = race(setup, contactId, 12, racer -> NOON_CHICAGO);
    assertThat(results.stream().filter(Optional::isEmpty)).hasSize(3);
    assertThat(results.stream().flatMap(Optional::stream)).hasSize(9).allSatisfy(breach -> {
      assertThat(breach.rule().name()).isEqualTo("sms-daily");
      assertThat(breach.freesAt()).isEqualTo(Instant.parse("2026-03-05T06:00:00Z"));
    });
    assertThat(setup.counts.count(contactId)).isEqualTo(3);
    pool.close();
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void ofManyTransactionsRacingOnTheTallyExactlyTheRuleCountWin(SqlDialect dialect) throws Exception {
    HikariDataSource pool = pool(dialect, 4);
    Setup setup = setup(pool, new LimitRule("any-weekly", Set.of(), Set.of(), false, 4, LimitWindow.parse("P7D")));
    String contactId = contact(setup.store, "c-tally-race", null);
    // the first step takes the exact check and sets the tally: every racer below takes the fast path,
    // whose update the database checks again after waiting for the one that held the lock
    assertThat(take(setup, contactId, Channel.EMAIL, NOON_CHICAGO)).isEmpty();
    assertThat(tally(setup, contactId)).isEqualTo(1);
    List<Optional<LimitBreach>> results = race(setup, contactId, 12, racer -> NOON_CHICAGO.plusSeconds(1 + racer));
    assertThat(results.stream().filter(Optional::isEmpty)).hasSize(3);
    assertThat(results.stream().flatMap(Optional::stream)).hasSize(9).allSatisfy(breach -> {
      assertThat(breach.rule().name()).isEqualTo("any-weekly");
      assertThat(breach.freesAt()).isEqualTo(NOON_CHICAGO.plus(Duration.ofDays(7)));
    });
    assertThat(setup.counts.count(contactId)).isEqualTo(4);
    pool.close();
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void theTallyLetsExactlyAsManyGoAsTheExactCheckAndIsSetAnewOnceTheWindowMoves(SqlDialect dialect) {
    DataSource database = dialect == SqlDialect.H2 ? TestDatabases.h2() : TestDatabases.postgres();
    Setup setup = setup(database, new LimitRule("sms-hourly", Set.of(Channel.SMS), Set.of(), false, 3,
        LimitWindow.parse("PT1H")));
    String contactId = contact(setup.store, "c-tally", null);
    assertThat(tallySince(setup, contactId)).as("no tally before the first step").isNull();
    assertThat(take(setup, contactId, Channel.SMS, NOON_CHICAGO)).isEmpty();
    // set by the exact check: from the window's start, with the step just counted
    assertThat(tallySince(setup, contactId)).isEqualTo(NOON_CHICAGO.minus(Duration.ofHours(1)));
    // an e-mail no rule limits is counted on the tally too: it stays an upper bound
    assertThat(take(setup, contactId, Channel.EMAIL, NOON_CHICAGO.plusSeconds(1))).isEmpty();
    assertThat(tally(setup, contactId)).isEqualTo(2);
    // the fast path: the tally (2, the e-mail with it) is below 3
    assertThat(take(setup, contactId, Channel.SMS, NOON_CHICAGO.plusSeconds(2))).isEmpty();
    assertThat(tally(setup, contactId)).isEqualTo(3);
    // the tally is full, but only two texts are: the exact check lets the third go, and sets the tally anew
    assertThat(take(setup, contactId, Channel.SMS, NOON_CHICAGO.plusSeconds(3))).isEmpty();
    assertThat(tally(setup, contactId)).isEqualTo(4);
    assertThat(take(setup, contactId, Channel.SMS, NOON_CHICAGO.plusSeconds(4))).hasValueSatisfying(breach -> {
      assertThat(breach.rule().name()).isEqualTo("sms-hourly");
      assertThat(breach.freesAt()).isEqualTo(NOON_CHICAGO.plusSeconds(3600));
    });
    // an hour later the first text left the window: the exact check counts from the new start
    Instant later = NOON_CHICAGO.plusSeconds(3600 + 1);
    assertThat(take(setup, contactId, Channel.SMS, later)).isEmpty();
    assertThat(tallySince(setup, contactId)).isEqualTo(later.minus(Duration.ofHours(1)));
    // since then: the e-mail (at the start itself), the two texts after it, and this one
    assertThat(tally(setup, contactId)).isEqualTo(4);
    assertThat(setup.counts.count(contactId)).isEqualTo(5);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aRuleLoweredOnAnotherNodeHoldsTheNextStepEvenOnATallySetUnderTheOldRule(SqlDialect dialect) {
    DataSource database = dialect == SqlDialect.H2 ? TestDatabases.h2() : TestDatabases.postgres();
    Setup one = setup(database);
    Setup other = setup(database);
    String contactId = contact(one.store, "c-lowered", null);
    Evidence operator = Evidence.user("olga", "fewer texts", NOON_CHICAGO);
    one.rules.put(new LimitRule("sms-weekly", Set.of(Channel.SMS), Set.of(), false, 10, LimitWindow.parse("P7D")),
        operator);
    for (int i = 0; i < 3; i++) {
      assertThat(take(one, contactId, Channel.SMS, NOON_CHICAGO.plusSeconds(i))).isEmpty();
    }
    assertThat(tally(one, contactId)).isEqualTo(3);

    // lowered on the other node: every tally is cleared in the same transaction
    other.rules.put(new LimitRule("sms-weekly", Set.of(Channel.SMS), Set.of(), false, 4, LimitWindow.parse("P7D")),
        operator);
    assertThat(tallySince(one, contactId)).isNull();
    // the other node takes the fourth place and sets the tally anew under the new rule
    assertThat(take(other, contactId, Channel.SMS, NOON_CHICAGO.plusSeconds(10))).isEmpty();
    assertThat(tally(one, contactId)).isEqualTo(4);
    // node one last read 10 places, and the tally (4) is below that: the tally names other rules, so the
    // exact check runs, reads the new rule and holds the step
    assertThat(take(one, contactId, Channel.SMS, NOON_CHICAGO.plusSeconds(20))).hasValueSatisfying(breach -> {
      assertThat(breach.rule().describe()).isEqualTo("SMS, 4 per PT168H");
      assertThat(breach.freesAt()).isEqualTo(NOON_CHICAGO.plus(Duration.ofDays(7)));
    });
    assertThat(one.counts.count(contactId)).isEqualTo(4);
  }

  private static long tally(Setup setup, String contactId) {
    return setup.store.jdbc.sql("SELECT TALLY_COUNT FROM DND_CONTACT WHERE CONTACT_ID = ?").param(contactId)
        .query(Long.class).single();
  }

  private static Instant tallySince(Setup setup, String contactId) {
    return setup.store.jdbc.sql("SELECT TALLY_SINCE FROM DND_CONTACT WHERE CONTACT_ID = ?").param(contactId)
        .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).single()
        .map(OffsetDateTime::toInstant).orElse(null);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void exemptCommunicationsAreCountedButNeverHeldAndRulesSetThroughTheApiApplyAtOnce(SqlDialect dialect) {
    DataSource database = dialect == SqlDialect.H2 ? TestDatabases.h2() : TestDatabases.postgres();
    Setup setup = setup(database);
    String contactId = contact(setup.store, "c-api", null);
    assertThat(take(setup, contactId, Channel.EMAIL, NOON_CHICAGO)).isEmpty();

    Evidence operator = Evidence.user("olga", "too many e-mails", NOON_CHICAGO);
    assertThat(setup.rules.put(new LimitRule("email-weekly", Set.of(Channel.EMAIL), Set.of(), false, 1,
        LimitWindow.parse("P7D")), operator)).isTrue();
    assertThat(take(setup, contactId, Channel.EMAIL, NOON_CHICAGO.plusSeconds(60))).hasValueSatisfying(breach ->
        assertThat(breach.freesAt()).isEqualTo(NOON_CHICAGO.plus(Duration.ofDays(7))));
    Optional<LimitBreach> exempt = setup.store.transaction().execute(tx -> {
      Connection connection = DataSourceUtils.getConnection(database);
      try {
        return setup.counts.take(connection, contactId, Channel.EMAIL, null, Kind.STEP, "receipt",
            NOON_CHICAGO.plusSeconds(120), false);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      } finally {
        DataSourceUtils.releaseConnection(connection, database);
      }
    });
    assertThat(exempt).as("exempt").isEmpty();
    assertThat(setup.counts.count(contactId)).isEqualTo(2);
    assertThat(setup.counts.use(contactId, NOON_CHICAGO.plusSeconds(180))).singleElement().satisfies(use -> {
      assertThat(use.used()).isEqualTo(2);
      assertThat(use.full()).isTrue();
    });

    assertThat(setup.rules.delete("email-weekly", operator)).isTrue();
    assertThat(setup.rules.delete("email-weekly", operator)).isFalse();
    assertThat(take(setup, contactId, Channel.EMAIL, NOON_CHICAGO.plusSeconds(240))).isEmpty();
    assertThat(setup.store.jdbc.sql("SELECT ACTION || ' ' || ACTOR || ' ' || MESSAGE FROM DND_AUDIT"
        + " WHERE CONTACT_ID IS NULL ORDER BY ID").query(String.class).list()).containsExactly(
        "LIMIT_RULE_SET olga limit rule email-weekly created: EMAIL, 1 per PT168H",
        "LIMIT_RULE_DELETED olga limit rule email-weekly deleted; it was: EMAIL, 1 per PT168H");
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aRuleChangedOnAnotherNodeAppliesAtThisNodesNextCheck(SqlDialect dialect) {
    DataSource database = dialect == SqlDialect.H2 ? TestDatabases.h2() : TestDatabases.postgres();
    // two nodes: each its own rules and counts, as each node's Spring context builds them, on one database
    Setup one = setup(database);
    Setup other = setup(database);
    String contactId = contact(one.store, "c-nodes", "America/Chicago");
    Evidence operator = Evidence.user("olga", "fewer texts", NOON_CHICAGO);
    assertThat(take(one, contactId, Channel.SMS, NOON_CHICAGO)).isEmpty();

    // a rule for a channel that no rule limited when node one last read them
    other.rules.put(new LimitRule("sms-weekly", Set.of(Channel.SMS), Set.of(), false, 1, LimitWindow.parse("P7D")),
        operator);
    assertThat(take(one, contactId, Channel.SMS, NOON_CHICAGO.plusSeconds(60))).hasValueSatisfying(breach ->
        assertThat(breach.rule().name()).isEqualTo("sms-weekly"));

    // changed to a calendar window, which needs the contact's zone that node one's last read did not
    other.rules.put(new LimitRule("sms-weekly", Set.of(Channel.SMS), Set.of(), false, 2, LimitWindow.parse("DAY")),
        operator);
    assertThat(take(one, contactId, Channel.SMS, NOON_CHICAGO.plusSeconds(120))).isEmpty();
    assertThat(take(one, contactId, Channel.SMS, NOON_CHICAGO.plusSeconds(180))).hasValueSatisfying(breach -> {
      assertThat(breach.rule().describe()).isEqualTo("SMS, 2 per DAY");
      // the next midnight in Chicago
      assertThat(breach.freesAt()).isEqualTo(Instant.parse("2026-03-05T06:00:00Z"));
    });

    // deleted on the other node: node one's next check lets the step go
    other.rules.delete("sms-weekly", operator);
    assertThat(take(one, contactId, Channel.SMS, NOON_CHICAGO.plusSeconds(240))).isEmpty();
    assertThat(one.counts.count(contactId)).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aPerTopicRuleCountsEachTopicOnItsOwnAndATopicRuleOnlyItsTopics(SqlDialect dialect) {
    DataSource database = dialect == SqlDialect.H2 ? TestDatabases.h2() : TestDatabases.postgres();
    // Florida's rule, and one about a topic only
    Setup setup = setup(database,
        new LimitRule("florida", Set.of(Channel.CALL, Channel.SMS), Set.of(), true, 2, LimitWindow.parse("PT24H")),
        new LimitRule("billing-daily", Set.of(), Set.of("billing"), false, 3, LimitWindow.parse("DAY")));
    String contactId = contact(setup.store, "c-topics", "America/Chicago");

    assertThat(take(setup, contactId, Channel.SMS, "sales", NOON_CHICAGO)).isEmpty();
    assertThat(take(setup, contactId, Channel.CALL, "sales", NOON_CHICAGO.plusSeconds(1))).isEmpty();
    assertThat(take(setup, contactId, Channel.SMS, "sales", NOON_CHICAGO.plusSeconds(2)))
        .hasValueSatisfying(breach -> assertThat(breach.rule().name()).isEqualTo("florida"));
    // another topic, and none, each have their own two places under the per-topic rule
    assertThat(take(setup, contactId, Channel.SMS, "billing", NOON_CHICAGO.plusSeconds(3))).isEmpty();
    assertThat(take(setup, contactId, Channel.SMS, null, NOON_CHICAGO.plusSeconds(4))).isEmpty();
    assertThat(take(setup, contactId, Channel.SMS, null, NOON_CHICAGO.plusSeconds(5))).isEmpty();
    assertThat(take(setup, contactId, Channel.SMS, null, NOON_CHICAGO.plusSeconds(6)))
        .hasValueSatisfying(breach -> assertThat(breach.rule().name()).isEqualTo("florida"));
    // the billing rule counts billing on any channel: two e-mails fill it with the SMS before them
    assertThat(take(setup, contactId, Channel.EMAIL, "billing", NOON_CHICAGO.plusSeconds(7))).isEmpty();
    assertThat(take(setup, contactId, Channel.EMAIL, "billing", NOON_CHICAGO.plusSeconds(8))).isEmpty();
    assertThat(take(setup, contactId, Channel.EMAIL, "billing", NOON_CHICAGO.plusSeconds(9)))
        .hasValueSatisfying(breach -> {
          assertThat(breach.rule().name()).isEqualTo("billing-daily");
          assertThat(breach.freesAt()).isEqualTo(Instant.parse("2026-03-05T06:00:00Z"));
        });
    assertThat(setup.counts.count(contactId)).isEqualTo(7);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aStepWhoseClockReadBeforeTheLastPlaceWasTakenIsStillHeld(SqlDialect dialect) {
    DataSource database = dialect == SqlDialect.H2 ? TestDatabases.h2() : TestDatabases.postgres();
    Setup setup = setup(database, new LimitRule("sms-daily", Set.of(Channel.SMS), Set.of(), false, 1,
        LimitWindow.parse("DAY")));
    String contactId = contact(setup.store, "c-clock", "America/Chicago");
    // a second step read its clock first, then waited for the lock while this one took the place
    assertThat(take(setup, contactId, Channel.SMS, NOON_CHICAGO.plusMillis(5))).isEmpty();
    assertThat(take(setup, contactId, Channel.SMS, NOON_CHICAGO)).as("held").isPresent();
    assertThat(setup.counts.count(contactId)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aRuleOfThePropertiesCannotBeChangedThroughTheApiAndAnUnknownContactFailsClosed(SqlDialect dialect) {
    DataSource database = dialect == SqlDialect.H2 ? TestDatabases.h2() : TestDatabases.postgres();
    LimitRule configured = new LimitRule("sms-daily", Set.of(Channel.SMS), Set.of(), false, 2, LimitWindow.parse("DAY"));
    Setup setup = setup(database, configured);
    assertThatThrownBy(() -> setup.rules.put(configured, Evidence.user("olga", NOON_CHICAGO)))
        .isInstanceOf(InvalidDndInputException.class)
        .hasMessageContaining("limit rule 'sms-daily' is set in the properties (dnd.limits.rules)");
    assertThatThrownBy(() -> take(setup, "c-nobody", Channel.SMS, NOON_CHICAGO))
        .isInstanceOf(ContactNotFoundException.class);
    assertThat(setup.store.rows("DND_COMMUNICATION")).isZero();
  }

  /**
   * Threads that each take an SMS place for the contact at once, released together: what each got
   * (empty: counted), in the racers' order.
   */
  private static List<Optional<LimitBreach>> race(Setup setup, String contactId, int threads,
      IntFunction<Instant> at) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Optional<LimitBreach>>> attempts = new ArrayList<>();
      for (int racer = 0; racer < threads; racer++) {
        Instant when = at.apply(racer);
        Callable<Optional<LimitBreach>> attempt = () -> {
          start.await();
          return take(setup, contactId, Channel.SMS, when);
        };
        attempts.add(executor.submit(attempt));
      }
      start.countDown();
      List<Optional<LimitBreach>> results = new ArrayList<>();
      for (Future<Optional<LimitBreach>> attempt : attempts) {
        results.add(attempt.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      executor.shutdownNow();
    }
  }
}
