package org.dndguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.dndguard.contact.internal.LimitRule;
import org.dndguard.contact.internal.LimitWindow;
import org.dndguard.contact.internal.QuietHours;
import org.dndguard.engine.DndGuard;
import org.dndguard.engine.internal.GuardMetrics;
import org.dndguard.engine.internal.StepGuard;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.internal.ContactTimeZones;
import org.dndguard.store.internal.LimitRules;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.dndguard.engine.StepOutcome;
import org.dndguard.engine.camunda.DndGuardPlugin;
import org.dndguard.store.DndTables;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Targets 1 and 2: what DND Guard costs a process of five communication steps, on H2 and on
 * PostgreSQL. One engine per database, configured like the engine tests' {@code camunda.cfg.xml}
 * (history full, DND Guard's plugin, no job executor), runs three variants in alternating rounds:
 *
 * <ul>
 *   <li>unguarded, the baseline: the model without {@code dnd.channel};</li>
 *   <li>guarded: the same model with every step marked, for contacts in DND on nothing, so every
 *       step is checked and runs (target 1: at least 0.95 of the baseline's instances per second);</li>
 *   <li>all skipped: the marked model for contacts in DND on {@code ALL}, so every step is checked,
 *       skipped and recorded (target 2: reported, may exceed 1).</li>
 * </ul>
 *
 * The variants share the engine, its configuration, its database and its history level; they
 * differ only in the marks and the contacts' DND. A step's work does nothing but count that it
 * ran, and each instance runs to its end inside {@code startProcessInstanceByKey}.
 *
 * <p>{@link #limitsOnH2()} and {@link #limitsOnPostgres()} measure target 22 (communication limits) the
 * same way, see there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardOverheadBenchmark {

  private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.guard.warmUpRounds", 4);
  private static final int ROUNDS = Integer.getInteger("bench.guard.rounds", 40);
  // per variant and round; the variants take turns instance by instance
  private static final int INSTANCES = Integer.getInteger("bench.guard.instances", 150);
  private static final int CONTACTS = 1_000;
  // benchmark 22's H2 keeps as many parsed statements as the reference app's (8 is H2's default)
  private static final int H2_QUERY_CACHE = Integer.getInteger("bench.limits.h2QueryCacheSize", 256);
  private static final List<Channel> STEPS = List.of(Channel.SMS, Channel.EMAIL, Channel.WHATSAPP,
      Channel.FACEBOOK, Channel.GMB);

  private static final String UNGUARDED = "unguarded";
  private static final String GUARDED = "guarded";
  private static final String SKIPPED = "all skipped";
  private static final String NO_LIMITS = "no limits";
  private static final String TWO_LIMITS = "two limit rules";

  @Test
  @Order(1)
  void onH2() throws Exception {
    measure("H2", TestDatabases.h2());
  }

  @Test
  @Order(2)
  void onPostgres() throws Exception {
    measure("PostgreSQL", TestDatabases.postgres());
  }

  /**
   * Target 22: what two communication limit rules cost guarded steps, on H2 (which keeps parsed
   * statements as the reference app's H2 does). Two engines on one database run the same marked
   * model for the same contacts in alternating rounds; their step guards are built alike, by hand as
   * the Spring auto-configuration builds them, and differ only in the communication counts: one has
   * none (no limits), the other two rules ("any channel, 100,000 per 30 days" rolling, on every step,
   * and "SMS, 100,000 per calendar day" in the contact's zone), far from full, so every step locks
   * its contact, is checked against the rules that limit it, is counted and runs.
   */
  @Test
  @Order(3)
  void limitsOnH2() throws Exception {
    limits("H2", h2WithStatementCache());
  }

  /** Target 22 on PostgreSQL, as {@link #limitsOnH2()}: there every statement is a round trip. */
  @Test
  @Order(4)
  void limitsOnPostgres() throws Exception {
    limits("PostgreSQL", TestDatabases.postgres());
  }

  private void limits(String database, DataSource dataSource) throws Exception {
    try (HikariDataSource pool = pool(dataSource, database + "-limits")) {
      BenchmarkReport.environment(BenchmarkReport.database(pool));
      DndGuard dnd = DndGuard.on(pool);
      DndTables tables = DndGuard.tables(pool, true);
      LimitRules rules = new LimitRules(tables, List.of(
          new LimitRule("any-monthly", Set.of(), Set.of(), false, 100_000, LimitWindow.rolling(Duration.ofDays(30))),
          new LimitRule("sms-daily", Set.of(Channel.SMS), Set.of(), false, 100_000,
              LimitWindow.calendar(LimitWindow.Calendar.DAY))),
          new AuditTrail(tables), new DataSourceTransactionManager(pool), Clock.systemUTC());
      ContactTimeZones zones = new ContactTimeZones(tables, QuietHours.none(), ZoneId.of("UTC"));
      CommunicationCounts counts = new CommunicationCounts(tables, rules, zones);
      GuardMetrics metrics = new GuardMetrics(new SimpleMeterRegistry());
      StepGuard none = new StepGuard(dnd.dndService(), metrics, "contactId", Clock.systemUTC(),
          zones, null, false);
      StepGuard limited = new StepGuard(dnd.dndService(), metrics, "contactId",
          Clock.systemUTC(), zones, counts, false);
      NoOpWork work = new NoOpWork();
      ProcessEngine plain = engine(pool, database + "-no-limits", work, new DndGuardPlugin(none));
      ProcessEngine withLimits = engine(pool, database + "-two-limits", work, new DndGuardPlugin(limited));
      try {
        plain.getRepositoryService().createDeployment().name("guard-limits-benchmark")
            .addModelInstance("campaign-marked.bpmn", campaign("campaign-marked", true))
            .deploy();
        String[] free = contacts(dnd, "limits-", false);

        String loadBefore = BenchmarkReport.loadAverage();
        AlternatingRounds rounds = new AlternatingRounds()
            .add(NO_LIMITS, new Starter(plain.getRuntimeService(), "campaign-marked", free))
            .add(TWO_LIMITS, new Starter(withLimits.getRuntimeService(), "campaign-marked", free));
        Map<String, double[]> rates = rounds.run(WARM_UP_ROUNDS, ROUNDS, INSTANCES);

        // measured what it claims: every step of both ran, and only the limited engine's were counted
        long perVariant = (long) (WARM_UP_ROUNDS + ROUNDS) * INSTANCES;
        assertThat(plain.getRuntimeService().createProcessInstanceQuery().count()).isZero();
        assertThat(work.runs.sum()).as("steps whose work ran").isEqualTo(2 * perVariant * STEPS.size());
        assertThat(tables.jdbc().sql("SELECT COUNT(*) FROM DND_COMMUNICATION").query(Long.class).single())
            .as("counted communications").isEqualTo(perVariant * STEPS.size());

        double[] ratios = AlternatingRounds.ratios(rates.get(TWO_LIMITS), rates.get(NO_LIMITS));
        BenchmarkReport.add(new BenchmarkReport.Row(
            BenchmarkReport.format("22. Two communication limit rules, %s: 5 guarded steps, history full, %d×%,d"
                + " instances", database, ROUNDS, INSTANCES),
            BenchmarkReport.medianWithSpread(rates.get(NO_LIMITS), "%,.0f inst/s"),
            BenchmarkReport.medianWithSpread(rates.get(TWO_LIMITS), "%,.0f inst/s"),
            BenchmarkReport.medianWithSpread(ratios, "%.3f"),
            "≥ 0.9",
            BenchmarkReport.median(ratios) >= 0.9));
        Map<String, double[]> cpu = rounds.cpuMicrosPerThing();
        BenchmarkReport.note(BenchmarkReport.format("22 on %s: a step under two limit rules costs %.0f µs more than"
            + " a guarded step without limits (wall clock, median of rounds); CPU of the starting thread per instance"
            + " (median of rounds) without limits %.0f µs, with them %.0f µs (ratio %.3f); load average %s before,"
            + " %s after", database,
            BenchmarkReport.median(extraMicrosPerStep(rates.get(TWO_LIMITS), rates.get(NO_LIMITS))),
            BenchmarkReport.median(cpu.get(NO_LIMITS)), BenchmarkReport.median(cpu.get(TWO_LIMITS)),
            BenchmarkReport.median(AlternatingRounds.ratios(cpu.get(NO_LIMITS), cpu.get(TWO_LIMITS))), loadBefore,
            BenchmarkReport.loadAverage()));
      } finally {
        withLimits.close();
        plain.close();
      }
    }
  }

  /**
   * An in-memory H2 that keeps 256 parsed statements per connection, as the reference app's H2 does
   * ({@code QUERY_CACHE_SIZE=256}): H2's default of 8 is fewer than one instance's statements, so
   * every statement would be parsed again at every step, and parsing would be what is measured.
   */
  private static DataSource h2WithStatementCache() {
    org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:dnd-limits-" + java.util.UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=" + H2_QUERY_CACHE);
    dataSource.setUser("sa");
    return dataSource;
  }

  private void measure(String database, DataSource dataSource) throws Exception {
    try (HikariDataSource pool = pool(dataSource, database)) {
      BenchmarkReport.environment(BenchmarkReport.database(pool));
      NoOpWork work = new NoOpWork();
      ProcessEngine engine = engine(pool, database, work);
      try {
        BenchmarkReport.environment("Camunda " + ProductPropertiesUtil.getProductVersion());
        engine.getRepositoryService().createDeployment().name("guard-overhead-benchmark")
            .addModelInstance("campaign-unmarked.bpmn", campaign("campaign-unmarked", false))
            .addModelInstance("campaign-marked.bpmn", campaign("campaign-marked", true))
            .deploy();
        DndGuard dnd = DndGuard.on(pool);
        String[] free = contacts(dnd, "free-", false);
        String[] blocked = contacts(dnd, "blocked-", true);

        String loadBefore = BenchmarkReport.loadAverage();
        RuntimeService runtime = engine.getRuntimeService();
        AlternatingRounds rounds = new AlternatingRounds()
            .add(UNGUARDED, new Starter(runtime, "campaign-unmarked", free))
            .add(GUARDED, new Starter(runtime, "campaign-marked", free))
            .add(SKIPPED, new Starter(runtime, "campaign-marked", blocked));
        Map<String, double[]> rates = rounds.run(WARM_UP_ROUNDS, ROUNDS, INSTANCES);

        // the benchmark measured what it claims: every instance ended, the guarded steps ran and
        // the blocked ones were skipped with their records
        long perVariant = (long) (WARM_UP_ROUNDS + ROUNDS) * INSTANCES;
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().completed().count())
            .isEqualTo(3 * perVariant);
        assertThat(work.runs.sum()).as("steps whose work ran").isEqualTo(2 * perVariant * STEPS.size());
        assertThat(dnd.skipRecords().query().outcome(StepOutcome.SKIPPED).count())
            .as("skip records").isEqualTo(perVariant * STEPS.size());

        report(database, rates);
        Map<String, double[]> cpu = rounds.cpuMicrosPerThing();
        BenchmarkReport.note(BenchmarkReport.format("1, 2 on %s: a checked step costs %.0f µs more than an"
            + " unchecked one, a skipped step %.0f µs more (wall clock, median of rounds); CPU of the starting"
            + " thread per instance (median of rounds) unguarded %.0f µs, guarded %.0f µs (ratio %.3f), all skipped"
            + " %.0f µs (ratio %.3f); load average %s before, %s after", database,
            BenchmarkReport.median(extraMicrosPerStep(rates.get(GUARDED), rates.get(UNGUARDED))),
            BenchmarkReport.median(extraMicrosPerStep(rates.get(SKIPPED), rates.get(UNGUARDED))),
            BenchmarkReport.median(cpu.get(UNGUARDED)), BenchmarkReport.median(cpu.get(GUARDED)),
            BenchmarkReport.median(AlternatingRounds.ratios(cpu.get(UNGUARDED), cpu.get(GUARDED))),
            BenchmarkReport.median(cpu.get(SKIPPED)),
            BenchmarkReport.median(AlternatingRounds.ratios(cpu.get(UNGUARDED), cpu.get(SKIPPED))),
            loadBefore, BenchmarkReport.loadAverage()));
      } finally {
        engine.close();
      }
    }
  }

  private static void report(String database, Map<String, double[]> rates) {
    double[] unguarded = rates.get(UNGUARDED);
    double[] guardedRatios = AlternatingRounds.ratios(rates.get(GUARDED), unguarded);
    double[] skippedRatios = AlternatingRounds.ratios(rates.get(SKIPPED), unguarded);
    String baseline = BenchmarkReport.medianWithSpread(unguarded, "%,.0f inst/s");
    BenchmarkReport.add(new BenchmarkReport.Row(
        BenchmarkReport.format("1. Guard overhead, %s: 5 steps, history full, %d×%,d instances", database, ROUNDS,
            INSTANCES),
        baseline,
        BenchmarkReport.medianWithSpread(rates.get(GUARDED), "%,.0f inst/s"),
        BenchmarkReport.medianWithSpread(guardedRatios, "%.3f"),
        "≥ 0.95",
        BenchmarkReport.median(guardedRatios) >= 0.95));
    BenchmarkReport.add(new BenchmarkReport.Row(
        BenchmarkReport.format("2. All 5 steps skipped, %s, %d×%,d instances", database, ROUNDS, INSTANCES),
        baseline,
        BenchmarkReport.medianWithSpread(rates.get(SKIPPED), "%,.0f inst/s"),
        BenchmarkReport.medianWithSpread(skippedRatios, "%.3f"),
        "none (may exceed 1)",
        null));
  }

  /** Per round, how many microseconds a step of the variant took more than an unguarded step. */
  private static double[] extraMicrosPerStep(double[] variant, double[] unguarded) {
    double[] extra = new double[variant.length];
    for (int i = 0; i < variant.length; i++) {
      extra[i] = (1e6 / variant[i] - 1e6 / unguarded[i]) / STEPS.size();
    }
    return extra;
  }

  /** Starts one instance of a model for the next contact; it runs to its end before this returns. */
  private static final class Starter implements AlternatingRounds.Unit {

    private final RuntimeService runtime;
    private final String processKey;
    private final String[] contacts;
    private int next;

    Starter(RuntimeService runtime, String processKey, String[] contacts) {
      this.runtime = runtime;
      this.processKey = processKey;
      this.contacts = contacts;
    }

    @Override
    public int run() {
      String contactId = contacts[next++ % contacts.length];
      runtime.startProcessInstanceByKey(processKey, Variables.createVariables().putValue("contactId", contactId));
      return 1;
    }
  }

  /** The steps' work: nothing but counting that it ran. */
  static final class NoOpWork implements JavaDelegate {

    final LongAdder runs = new LongAdder();

    @Override
    public void execute(DelegateExecution execution) {
      runs.increment();
    }
  }

  private static ProcessEngine engine(DataSource pool, String database, NoOpWork work) {
    return engine(pool, database, work, new DndGuardPlugin());
  }

  private static ProcessEngine engine(DataSource pool, String database, NoOpWork work, DndGuardPlugin plugin) {
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("guard-overhead-" + database);
    configuration.setDataSource(pool);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    configuration.setBeans(Map.of("noOpWork", work));
    configuration.setProcessEnginePlugins(List.of(plugin));
    return configuration.buildProcessEngine();
  }

  /**
   * Start, five service tasks, end; with {@code marked} every task gets a {@code dnd.channel}, and
   * nothing else differs.
   */
  static BpmnModelInstance campaign(String processKey, boolean marked) {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(processKey).startEvent("start");
    for (int i = 0; i < STEPS.size(); i++) {
      flow = flow.serviceTask("step" + (i + 1)).camundaDelegateExpression("${noOpWork}");
    }
    BpmnModelInstance model = flow.endEvent("end").done();
    if (marked) {
      for (int i = 0; i < STEPS.size(); i++) {
        // Camunda 7.24's fluent builder has no camunda:property
        ServiceTask task = model.getModelElementById("step" + (i + 1));
        CamundaProperty channel = model.newInstance(CamundaProperty.class);
        channel.setCamundaName("dnd.channel");
        channel.setCamundaValue(STEPS.get(i).name());
        CamundaProperties properties = model.newInstance(CamundaProperties.class);
        properties.addChildElement(channel);
        ExtensionElements extensions = model.newInstance(ExtensionElements.class);
        extensions.addChildElement(properties);
        task.setExtensionElements(extensions);
      }
    }
    Bpmn.validateModel(model);
    return model;
  }

  /** Contacts without addresses; {@code blocked} ones are in DND on ALL, set by a user. */
  private static String[] contacts(DndGuard dnd, String prefix, boolean blocked) {
    String[] ids = new String[CONTACTS];
    for (int i = 0; i < CONTACTS; i++) {
      ids[i] = prefix + i;
      Evidence evidence = Evidence.user("benchmark", Instant.now());
      dnd.contactService().register(ids[i], ContactAddresses.none(), evidence);
      if (blocked) {
        dnd.dndService().set(ids[i], DndTarget.ALL, evidence);
      }
    }
    return ids;
  }

  private static HikariDataSource pool(DataSource dataSource, String database) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(dataSource);
    config.setPoolName("guard-overhead-" + database);
    config.setMaximumPoolSize(10);
    return new HikariDataSource(config);
  }
}
