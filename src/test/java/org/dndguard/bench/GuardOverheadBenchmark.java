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
import org.dndguard.engine.DndGuard;
import org.dndguard.engine.StepOutcome;
import org.dndguard.engine.camunda.DndGuardPlugin;
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
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardOverheadBenchmark {

  private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.guard.warmUpRounds", 4);
  private static final int ROUNDS = Integer.getInteger("bench.guard.rounds", 40);
  // per variant and round; the variants take turns instance by instance
  private static final int INSTANCES = Integer.getInteger("bench.guard.instances", 150);
  private static final int CONTACTS = 1_000;
  private static final List<Channel> STEPS = List.of(Channel.SMS, Channel.EMAIL, Channel.WHATSAPP,
      Channel.FACEBOOK, Channel.GMB);

  private static final String UNGUARDED = "unguarded";
  private static final String GUARDED = "guarded";
  private static final String SKIPPED = "all skipped";

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
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("guard-overhead-" + database);
    configuration.setDataSource(pool);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    configuration.setBeans(Map.of("noOpWork", work));
    configuration.setProcessEnginePlugins(List.of(new DndGuardPlugin()));
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
      Evidence evidence = Evidence.user("benchmark", null, Instant.now());
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
