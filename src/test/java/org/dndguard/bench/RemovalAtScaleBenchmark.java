package org.dndguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.dndguard.app.DndGuardApplication;
import org.dndguard.workflow.internal.CamundaTaskIndex;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.store.AuditAction;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactService;
import org.dndguard.testsupport.TestDatabases;
import org.dndguard.workflow.ContactInstanceIndex;
import org.dndguard.workflow.IndexedInstance;
import org.dndguard.workflow.WorkflowRemoval;
import org.dndguard.workflow.WorkflowRemovalResult;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Target 4: removing one contact with 10 running instances from all workflows takes at most
 * 100 ms while 10,000, and while 100,000, instances of other contacts run, and the 100,000 case
 * takes no more than 1.5 times the 10,000 case.
 *
 * <p>Per database, two reference applications run side by side, one with 10,000 and one with
 * 100,000 real process instances of other contacts waiting (half at a two-day timer, half at a user
 * task, as campaigns wait), started through the engine with DND Guard's contact index filled by its
 * plugin. In each round both get a fresh contact with 10 such instances, and the contact is removed
 * with {@link WorkflowRemoval}, the removal behind the API, the service task and the automatic
 * policy. The baseline, in the same rounds, is Camunda alone: another fresh contact's 10 instances
 * deleted by id with {@code RuntimeService.deleteProcessInstance}, a transaction each, which is the
 * floor of any removal that ends instances one by one. The four take turns in an order that
 * rotates and turns around from round to round; the instances are started, and the outcome
 * checked, outside the timed part.
 *
 * <p>The rounds run twice: on Camunda's schema as it ships, then with an index on
 * {@code ACT_RU_TASK.PARENT_TASK_ID_}, which Camunda's schema lacks on every database but SQL
 * Server. Without it, deleting a user task scans every task of the engine for its subtasks, so
 * Camunda's own deletion grows with the number of open tasks.
 *
 * <p>After every round the benchmark checks that exactly the contact's 10 instances ended
 * (externally terminated, audited by the removal, gone from the index); at the end, that every
 * other contact's instance still runs and is still in the index, and that no instance ended but
 * the removed ones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemovalAtScaleBenchmark {

  private static final int SMALL = Integer.getInteger("bench.removal.small", 10_000);
  private static final int LARGE = Integer.getInteger("bench.removal.large", 100_000);
  private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.removal.warmUpRounds", 5);
  private static final int ROUNDS = Integer.getInteger("bench.removal.rounds", 20);
  private static final int CONTACT_INSTANCES = 10;
  // every other contact has as many instances as the one removed
  private static final int INSTANCES_PER_OTHER_CONTACT = CONTACT_INSTANCES;
  private static final int FILL_THREADS = 2;
  // one engine command, so one transaction and a few JDBC batches, per this many starts
  private static final int STARTS_PER_COMMAND = 500;
  private static final double TARGET_MILLIS = 100;
  private static final double TARGET_RATIO = 1.5;
  private static final String REASON = "Benchmark: DND on all channels";
  private static final String WAITS_AT_TIMER = "removal-bench-timer";
  private static final String WAITS_AT_TASK = "removal-bench-task";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  @Order(1)
  void onPostgres() throws Exception {
    measure("PostgreSQL", () -> Engine.postgres());
  }

  @Test
  @Order(2)
  void onH2() throws Exception {
    measure("H2 file", () -> Engine.h2File());
  }

  @FunctionalInterface
  private interface EngineFactory {
    Engine start() throws Exception;
  }

  private void measure(String database, EngineFactory engines) throws Exception {
    try (Engine small = engines.start(); Engine large = engines.start()) {
      BenchmarkReport.environment(BenchmarkReport.database(small.dataSource));
      double fillSmall = small.fill(SMALL);
      double fillLarge = large.fill(LARGE);
      small.analyze();
      large.analyze();

      Phase shipped = rounds(small, large);
      // Camunda's schema has no index for the subtasks that the deletion of each user task looks for
      small.indexTaskParents();
      large.indexTaskParents();
      Phase indexed = rounds(small, large);

      // nothing else ended in the whole run: only the 10 instances of each round's contacts, two
      // contacts per engine and round (the removal's and Camunda's), in two phases
      int ended = 2 * 2 * (WARM_UP_ROUNDS + ROUNDS) * CONTACT_INSTANCES;
      small.verifyOnlyRemovedEnded(ended);
      large.verifyOnlyRemovedEnded(ended);

      report(database, "Camunda's schema", shipped);
      report(database, "with an index on ACT_RU_TASK.PARENT_TASK_ID_", indexed);
      BenchmarkReport.note(BenchmarkReport.format("4 on %s: starting the other contacts' instances (%d threads, %d"
          + " starts per transaction) took %.0f s for %,d (%,.0f inst/s) and %.0f s for %,d (%,.0f inst/s); %s",
          database, FILL_THREADS, STARTS_PER_COMMAND, fillSmall, SMALL, SMALL / fillSmall, fillLarge, LARGE,
          LARGE / fillLarge, large.size()));
    }
  }

  /** The four variants in alternating rounds: each round, a fresh contact for each, removed in turn. */
  private static Phase rounds(Engine small, Engine large) {
    List<Variant> variants = List.of(new Removal(small), new Removal(large), new EngineDeletion(small),
        new EngineDeletion(large));
    String loadBefore = BenchmarkReport.loadAverage();
    for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
      List<Variant> order = AlternatingRounds.order(variants, round + WARM_UP_ROUNDS);
      for (Variant variant : order) {
        variant.prepare();
      }
      for (Variant variant : order) {
        variant.timed(round);
      }
      for (Variant variant : order) {
        variant.verify();
      }
    }
    return new Phase(variants.get(0), variants.get(1), variants.get(2), variants.get(3), loadBefore,
        BenchmarkReport.loadAverage());
  }

  private record Phase(Variant removalSmall, Variant removalLarge, Variant camundaSmall, Variant camundaLarge,
      String loadBefore, String loadAfter) {
  }

  private static void report(String database, String schema, Phase phase) {
    double[] ratios = AlternatingRounds.ratios(phase.removalLarge().millis, phase.removalSmall().millis);
    double medianSmall = BenchmarkReport.median(phase.removalSmall().millis);
    double medianLarge = BenchmarkReport.median(phase.removalLarge().millis);
    double ratio = BenchmarkReport.median(ratios);
    BenchmarkReport.add(new BenchmarkReport.Row(
        BenchmarkReport.format("4. Removal at scale, %s, %s: one contact's %d instances among %,d / %,d others, %d"
            + " rounds", database, schema, CONTACT_INSTANCES, SMALL, LARGE, ROUNDS),
        BenchmarkReport.format("%,d: ", SMALL) + BenchmarkReport.medianWithSpread(phase.removalSmall().millis, "%.1f ms"),
        BenchmarkReport.format("%,d: ", LARGE) + BenchmarkReport.medianWithSpread(phase.removalLarge().millis, "%.1f ms"),
        BenchmarkReport.medianWithSpread(ratios, "%.2f"),
        BenchmarkReport.format("≤ %.0f ms each; ratio ≤ %.1f", TARGET_MILLIS, TARGET_RATIO),
        medianSmall <= TARGET_MILLIS && medianLarge <= TARGET_MILLIS && ratio <= TARGET_RATIO));
    BenchmarkReport.note(BenchmarkReport.format("4 on %s, %s: Camunda alone, deleting another contact's 10"
        + " instances by id (a transaction each), took %.1f ms among %,d and %.1f ms among %,d (ratio %.2f); DND"
        + " Guard's removal took %s and %s of Camunda alone's time in the same rounds; slowest removal %.1f and"
        + " %.1f ms; CPU of the removing thread (median) %.1f and %.1f ms per removal, %.1f and %.1f ms for Camunda"
        + " alone; load average %s before, %s after", database, schema,
        BenchmarkReport.median(phase.camundaSmall().millis), SMALL, BenchmarkReport.median(phase.camundaLarge().millis),
        LARGE, BenchmarkReport.median(AlternatingRounds.ratios(phase.camundaLarge().millis, phase.camundaSmall().millis)),
        BenchmarkReport.medianWithSpread(
            AlternatingRounds.ratios(phase.removalSmall().millis, phase.camundaSmall().millis), "%.2f×"),
        BenchmarkReport.medianWithSpread(
            AlternatingRounds.ratios(phase.removalLarge().millis, phase.camundaLarge().millis), "%.2f×"),
        max(phase.removalSmall().millis), max(phase.removalLarge().millis),
        BenchmarkReport.median(phase.removalSmall().cpuMicros) / 1000,
        BenchmarkReport.median(phase.removalLarge().cpuMicros) / 1000,
        BenchmarkReport.median(phase.camundaSmall().cpuMicros) / 1000,
        BenchmarkReport.median(phase.camundaLarge().cpuMicros) / 1000, phase.loadBefore(), phase.loadAfter()));
  }

  private static double max(double[] values) {
    return BenchmarkReport.percentile(values, 100);
  }

  /** One way of ending a fresh contact's 10 instances in one of the two engines, timed round by round. */
  private abstract static class Variant {

    final Engine engine;
    final double[] millis = new double[ROUNDS];
    final double[] cpuMicros = new double[ROUNDS];
    String contactId;
    List<String> instances;

    Variant(Engine engine) {
      this.engine = engine;
    }

    void prepare() {
      contactId = engine.registerContact();
      instances = engine.startContactInstances(contactId);
    }

    void timed(int round) {
      long cpu = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      end();
      long wall = System.nanoTime() - start;
      cpu = THREADS.getCurrentThreadCpuTime() - cpu;
      if (round >= 0) {
        millis[round] = wall / 1e6;
        cpuMicros[round] = cpu / 1e3;
      }
    }

    abstract void end();

    void verify() {
      Set<String> ids = new HashSet<>(instances);
      assertThat(engine.runtime.createProcessInstanceQuery().processInstanceIds(ids).count())
          .as("instances of %s still running", contactId).isZero();
      assertThat(engine.history.createHistoricProcessInstanceQuery().processInstanceIds(ids).externallyTerminated()
          .count()).as("instances of %s ended as externally terminated", contactId).isEqualTo(CONTACT_INSTANCES);
      assertThat(engine.index.instancesOf(contactId)).as("index rows of %s", contactId).isEmpty();
    }
  }

  /** DND Guard's removal, as the API, the service task and the automatic policy run it. */
  private static final class Removal extends Variant {

    private Evidence evidence;
    private WorkflowRemovalResult result;

    Removal(Engine engine) {
      super(engine);
    }

    @Override
    void prepare() {
      super.prepare();
      evidence = Evidence.user("benchmark", Instant.now());
    }

    @Override
    void end() {
      result = engine.removal.removeFromAllWorkflows(contactId, REASON, evidence);
    }

    @Override
    void verify() {
      super.verify();
      assertThat(result.isBatch()).as("removed in the caller's thread, not as a batch").isFalse();
      assertThat(result.removedProcessInstanceIds()).containsExactlyInAnyOrderElementsOf(instances);
      assertThat(engine.audit.inOrder(contactId)).filteredOn(r -> r.action() == AuditAction.WORKFLOW_REMOVAL)
          .hasSize(CONTACT_INSTANCES);
    }
  }

  /** The baseline: Camunda deleting the instances it is given, one transaction each, as the removal does. */
  private static final class EngineDeletion extends Variant {

    EngineDeletion(Engine engine) {
      super(engine);
    }

    @Override
    void end() {
      for (String id : instances) {
        // the removal's own call: externally terminated, listeners and I/O mappings run, sub-processes too
        engine.runtime.deleteProcessInstance(id, REASON, false, true, false, false);
      }
    }

    @Override
    void verify() {
      super.verify();
      assertThat(engine.audit.inOrder(contactId)).filteredOn(r -> r.action() == AuditAction.WORKFLOW_REMOVAL)
          .as("removal audit rows of %s", contactId).isEmpty();
    }
  }

  /** One reference application with its own database, the others' instances and the contacts of the rounds. */
  private static final class Engine implements AutoCloseable {

    final ConfigurableApplicationContext app;
    final DataSource dataSource;
    final RuntimeService runtime;
    final HistoryService history;
    final WorkflowRemoval removal;
    final ContactInstanceIndex index;
    final AuditTrail audit;
    final JdbcClient jdbc;
    private final ProcessEngine processEngine;
    private final ContactService contacts;
    private final boolean postgres;
    private final Path h2File;
    private int others;
    private int contactsRegistered;

    private Engine(boolean postgres, Path h2File, String... databaseArguments) {
      List<String> arguments = new ArrayList<>(List.of(
          // the reference application's own settings, with no test application.properties
          "--spring.config.location=optional:classpath:/no-such-config/",
          "--server.port=0",
          // no timer is due in the benchmark; a polling job executor would only add noise
          "--camunda.bpm.job-execution.enabled=false",
          "--camunda.bpm.generate-unique-process-engine-name=true"));
      arguments.addAll(List.of(databaseArguments));
      this.app = SpringApplication.run(DndGuardApplication.class, arguments.toArray(String[]::new));
      this.postgres = postgres;
      this.h2File = h2File;
      this.dataSource = app.getBean(DataSource.class);
      this.processEngine = app.getBean(ProcessEngine.class);
      this.runtime = processEngine.getRuntimeService();
      this.history = processEngine.getHistoryService();
      this.removal = app.getBean(WorkflowRemoval.class);
      this.index = app.getBean(ContactInstanceIndex.class);
      this.audit = app.getBean(AuditTrail.class);
      this.contacts = app.getBean(ContactService.class);
      this.jdbc = JdbcClient.create(dataSource);
      // the reference application creates the index at start; the first phase measures Camunda's own schema
      jdbc.sql("DROP INDEX IF EXISTS " + CamundaTaskIndex.NAME).update();
      processEngine.getRepositoryService().createDeployment().name("removal-at-scale-benchmark")
          .addModelInstance(WAITS_AT_TIMER + ".bpmn", waitsAtTimer())
          .addModelInstance(WAITS_AT_TASK + ".bpmn", waitsAtTask())
          .deploy();
    }

    /** The reference application's postgres profile on a database of its own in the embedded PostgreSQL. */
    static Engine postgres() {
      String url = TestDatabases.postgresUrl(TestDatabases.postgres());
      return new Engine(true, null, "--spring.profiles.active=postgres", "--DND_DB_URL=" + url,
          "--DND_DB_USER=postgres");
    }

    /** The reference application's H2 file database, under target/bench instead of ./data. */
    static Engine h2File() {
      Path file = Path.of("target", "bench", "removal-" + UUID.randomUUID()).toAbsolutePath();
      return new Engine(false, file, "--spring.datasource.url=jdbc:h2:file:" + file + ";LOCK_TIMEOUT=10000");
    }

    /**
     * Starts the other contacts' instances, in a few threads, many starts per engine command: the
     * same starts, listeners, history and index rows as one by one, in fewer transactions.
     *
     * @return the seconds it took
     */
    double fill(int instances) throws Exception {
      CommandExecutor commands = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
          .getCommandExecutorTxRequired();
      long start = System.nanoTime();
      ExecutorService threads = Executors.newFixedThreadPool(FILL_THREADS);
      try {
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < instances; from += STARTS_PER_COMMAND) {
          int first = from;
          int last = Math.min(from + STARTS_PER_COMMAND, instances);
          batches.add(threads.submit(() -> commands.execute(commandContext -> {
            for (int i = first; i < last; i++) {
              String contactId = "other-" + i / INSTANCES_PER_OTHER_CONTACT;
              runtime.startProcessInstanceByKey(i % 2 == 0 ? WAITS_AT_TIMER : WAITS_AT_TASK,
                  Variables.createVariables().putValue("contactId", contactId));
            }
            return null;
          })));
        }
        for (Future<?> batch : batches) {
          batch.get();
        }
      } finally {
        threads.shutdown();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      others = instances;
      verifyOthersUntouched();
      return seconds;
    }

    /**
     * The index that Camunda's schema lacks on every database but SQL Server: without it, deleting
     * (or completing) a user task scans all of them for its subtasks.
     */
    void indexTaskParents() {
      jdbc.sql(CamundaTaskIndex.CREATE_SQL).update();
      analyze();
    }

    /** Fresh statistics, as autovacuum or a DBA would have them on a database that grew to this size. */
    void analyze() {
      jdbc.sql(postgres ? "VACUUM ANALYZE" : "ANALYZE").update();
    }

    String registerContact() {
      String contactId = "removed-" + ++contactsRegistered;
      contacts.register(contactId, ContactAddresses.none(), Evidence.user("benchmark", Instant.now()));
      return contactId;
    }

    /** The contact's instances, half waiting at a timer and half at a user task, each started alone. */
    List<String> startContactInstances(String contactId) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < CONTACT_INSTANCES; i++) {
        ids.add(runtime.startProcessInstanceByKey(i % 2 == 0 ? WAITS_AT_TIMER : WAITS_AT_TASK,
            Variables.createVariables().putValue("contactId", contactId)).getId());
      }
      assertThat(index.instancesOf(contactId)).extracting(IndexedInstance::processInstanceId)
          .containsExactlyInAnyOrderElementsOf(ids);
      return ids;
    }

    void verifyOthersUntouched() {
      assertThat(runtime.createProcessInstanceQuery().count()).as("running instances").isEqualTo(others);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM DND_CONTACT_INSTANCE").query(Long.class).single())
          .as("rows in the contact index").isEqualTo(others);
      assertThat(index.instancesOf("other-0")).hasSize(INSTANCES_PER_OTHER_CONTACT);
    }

    void verifyOnlyRemovedEnded(int removed) {
      verifyOthersUntouched();
      assertThat(history.createHistoricProcessInstanceQuery().count()).as("instances ever started")
          .isEqualTo(others + removed);
      assertThat(history.createHistoricProcessInstanceQuery().externallyTerminated().count())
          .as("instances removed").isEqualTo(removed);
    }

    String size() {
      if (postgres) {
        return BenchmarkReport.format("the PostgreSQL database with %,d instances is %,d MB", others,
            jdbc.sql("SELECT pg_database_size(current_database())").query(Long.class).single() / 1_000_000);
      }
      return BenchmarkReport.format("the H2 file with %,d instances is %,d MB", others,
          h2File.resolveSibling(h2File.getFileName() + ".mv.db").toFile().length() / 1_000_000);
    }

    @Override
    public void close() throws IOException {
      app.close();
      if (h2File != null) {
        try (Stream<Path> files = Files.list(h2File.getParent())) {
          for (Path file : files.filter(f -> f.getFileName().toString().startsWith(h2File.getFileName().toString()))
              .sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(file);
          }
        }
      }
    }

    /** A campaign waiting two days before its next message, as the sample nurture campaign does. */
    private static BpmnModelInstance waitsAtTimer() {
      return Bpmn.createExecutableProcess(WAITS_AT_TIMER).startEvent("start")
          .intermediateCatchEvent("twoDays").timerWithDuration("P2D")
          .endEvent("end").done();
    }

    /** A campaign waiting for sales to call the contact. */
    private static BpmnModelInstance waitsAtTask() {
      return Bpmn.createExecutableProcess(WAITS_AT_TASK).startEvent("start")
          .userTask("callContact").name("Call the contact")
          .endEvent("end").done();
    }
  }
}
