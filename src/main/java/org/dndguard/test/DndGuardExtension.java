package org.dndguard.test;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.dndguard.engine.DndGuard;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Isolated scenario tests: gives each test DND Guard on the engine's database and, after the test,
 * removes every row the test left in DND Guard's tables (contacts, their addresses and DND, topic
 * entries, the audit trail, skip records, the outbox, provider events, the contact index), so that
 * the next scenario starts as empty as Camunda's {@code @Deployment} leaves the engine. Without it a
 * contact's DND from one test is still there in the next one that uses the same contact id.
 *
 * <p>With Camunda's {@code ProcessEngineExtension} (camunda-bpm-junit5), declared after it:
 *
 * <pre>
 * &#64;RegisterExtension
 * ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda.cfg.xml").build();
 * &#64;RegisterExtension
 * DndGuardExtension dnd = DndGuardExtension.of(engine);
 * ...
 * dnd.guard().dndService().set("lead-42", DndTarget.SMS, evidence);
 * </pre>
 *
 * <p>In a Spring or Spring Boot test ({@code @SpringBootTest}, {@code @SpringJUnitConfig}):
 * {@code @ExtendWith(DndGuardExtension.class)} on the class. It cleans the database of the context's
 * {@link ProcessEngine} (else of its {@link DataSource}); a Spring Boot test injects DND Guard's beans
 * as usual, and a test method or {@code @BeforeEach} method may take a {@link DndGuard} parameter (on
 * that database, with DND Guard's defaults), e.g. in a Spring application without Spring Boot.
 *
 * <p>The tables are found in the database by their {@code DND_} prefix, so tables of later versions
 * are cleaned too; Flyway's history table ({@code dnd_schema_history}) is kept. The cleanup deletes
 * audit rows, which DND Guard itself never does: it is for test databases only.
 *
 * <p>Rows already there before a test (left by a test class that does not use the extension, on
 * the same in-memory database) are removed before the test and logged as a warning naming each
 * table and its row count; {@link #failOnLeftovers()} fails the test with that list instead.
 */
public final class DndGuardExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final Logger LOG = LoggerFactory.getLogger(DndGuardExtension.class);

  private static final Map<DataSource, DndGuard> GUARDS = Collections.synchronizedMap(new WeakHashMap<>());

  private final ProcessEngineServices engine;
  private final boolean failOnLeftovers;
  private DataSource dataSource;
  private DndGuard guard;

  /** For {@code @ExtendWith(DndGuardExtension.class)} in a Spring test: the context's engine's database. */
  public DndGuardExtension() {
    this(null, false);
  }

  private DndGuardExtension(ProcessEngineServices engine, boolean failOnLeftovers) {
    this.engine = engine;
    this.failOnLeftovers = failOnLeftovers;
  }

  /**
   * DND Guard on the database of Camunda's {@code ProcessEngineExtension}, which must be declared (and
   * built) before this one; a {@link ProcessEngine}, or anything with a public {@code getProcessEngine()}
   * (Camunda's JUnit 4 {@code ProcessEngineRule}), does as well. The parameter is typed
   * {@link ProcessEngineServices}, which all of them are, so that a Spring test without camunda-bpm-junit5
   * can still load this class.
   *
   * @throws IllegalStateException when {@code engine} is null or has no engine yet
   */
  public static DndGuardExtension of(ProcessEngineServices engine) {
    if (engine == null) {
      throw new IllegalStateException("DndGuardExtension.of(engine) was given no ProcessEngineExtension: declare the"
          + " @RegisterExtension ProcessEngineExtension field before the DndGuardExtension field, which uses it");
    }
    DndGuardExtension extension = new DndGuardExtension(engine, false);
    extension.dataSource = engineDataSource(engine);
    return extension;
  }

  /**
   * The same extension, but a test that starts with rows in DND Guard's tables (left by a test that
   * did not use the extension) fails, naming each table and its row count, instead of having them
   * removed with a warning.
   */
  public DndGuardExtension failOnLeftovers() {
    DndGuardExtension strict = new DndGuardExtension(engine, true);
    strict.dataSource = dataSource;
    return strict;
  }

  /**
   * DND Guard's services on the engine's database (contacts, DND, skip records), the same rows the
   * engine plugin reads.
   *
   * @throws IllegalStateException in a Spring test before the test's context is known (before {@code @BeforeEach})
   */
  public DndGuard guard() {
    if (guard == null) {
      if (dataSource == null) {
        throw new IllegalStateException("DndGuardExtension knows the Spring test's database only once the test runs:"
            + " call guard() from @BeforeEach or the test method, or inject DND Guard's beans");
      }
      // one per database: DndGuard.on runs DND Guard's migrations, which need run only once
      guard = GUARDS.computeIfAbsent(dataSource, DndGuard::on);
    }
    return guard;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (dataSource == null) {
      dataSource = SpringTestContexts.dataSource(context);
    }
    DndTables tables = new DndTables(dataSource);
    DndTables.Rows leftovers = tables.rows();
    if (leftovers.isEmpty()) {
      return;
    }
    String what = "DND Guard's tables are not empty at the start of " + context.getDisplayName() + ": " + leftovers
        + ". A test before it left them on the same database without DndGuardExtension, whose cleanup runs after each"
        + " test: register the extension in that test class too";
    if (failOnLeftovers) {
      throw new AssertionError(what);
    }
    LOG.warn("{}; removing them now", what);
    tables.deleteAll();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DndGuard.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (dataSource == null) {
      dataSource = SpringTestContexts.dataSource(context);
    }
    return guard();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (dataSource != null) {
      new DndTables(dataSource).deleteAll();
    }
  }

  private static DataSource engineDataSource(ProcessEngineServices engine) {
    ProcessEngine processEngine = engine instanceof ProcessEngine itself ? itself : processEngineOf(engine);
    if (processEngine == null) {
      throw new IllegalStateException("The ProcessEngineExtension given to DndGuardExtension.of(engine) has no engine:"
          + " build it first (ProcessEngineExtension.builder()...build()) and declare it before the DndGuardExtension");
    }
    return Objects.requireNonNull(processEngine.getProcessEngineConfiguration().getDataSource(),
        "the process engine has no data source");
  }

  private static ProcessEngine processEngineOf(ProcessEngineServices engine) {
    try {
      return (ProcessEngine) engine.getClass().getMethod("getProcessEngine").invoke(engine);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("DndGuardExtension.of(engine) takes Camunda's ProcessEngineExtension or a"
          + " ProcessEngine; " + engine.getClass().getName() + " has no getProcessEngine()", e);
    }
  }

  /** The Spring test context, in a class of its own so that tests without spring-test never load it. */
  private static final class SpringTestContexts {

    static DataSource dataSource(ExtensionContext context) {
      ApplicationContext spring;
      try {
        spring = SpringExtension.getApplicationContext(context);
      } catch (NoClassDefFoundError e) {
        throw new IllegalStateException("@ExtendWith(DndGuardExtension.class) is for Spring tests and spring-test is not"
            + " on the test class path; without Spring use @RegisterExtension DndGuardExtension dnd ="
            + " DndGuardExtension.of(engine) after Camunda's ProcessEngineExtension", e);
      }
      var engines = spring.getBeanProvider(ProcessEngine.class);
      ProcessEngine engine = engines.getIfUnique();
      if (engine != null) {
        return engine.getProcessEngineConfiguration().getDataSource();
      }
      DataSource dataSource = spring.getBeanProvider(DataSource.class).getIfUnique();
      if (dataSource == null) {
        throw new IllegalStateException("DndGuardExtension found neither one ProcessEngine nor one DataSource in the"
            + " test's application context; with no Spring context use DndGuardExtension.of(engine)");
      }
      return dataSource;
    }
  }
}
