package org.dndguard.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.DndGuard;
import org.dndguard.store.DndSchema;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link DndGuardExtension} removes between scenarios and what it says when something is wrong.
 * The isolation itself, two ordered scenarios with one contact, is {@link WelcomeCampaignTest} here and
 * the consumer projects of {@code src/it}.
 */
class DndGuardExtensionTest {

  static Stream<Arguments> databases() {
    return Stream.of(Arguments.of("H2", (Supplier<DataSource>) TestDatabases::h2),
        Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::postgres));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void afterATestEveryDndTableIsEmptyIncludingOnesItDidNotKnowAndFlywaysHistoryIsKept(String name,
      Supplier<DataSource> database) throws SQLException {
    // given: a contact, its DND and the audit rows, and a table of a later version that references contacts
    DataSource dataSource = database.get();
    DndGuard dnd = DndGuard.on(dataSource);
    dnd.contactService().register("lead-42", new ContactAddresses("+1 415 555 0142", "lead-42@example.com",
        null, null, null), Evidence.user("test", Instant.now()));
    dnd.dndService().set("lead-42", DndTarget.SMS, Evidence.user("test", "asked not to be texted", Instant.now()));
    dnd.dndService().leaveTopic("lead-42", "newsletter", Evidence.user("test", Instant.now()));
    execute(dataSource, "CREATE TABLE DND_LATER_PROBE (CONTACT_ID VARCHAR(255) NOT NULL REFERENCES DND_CONTACT (CONTACT_ID))");
    execute(dataSource, "INSERT INTO DND_LATER_PROBE (CONTACT_ID) VALUES ('lead-42')");
    assertThat(rows(dataSource)).containsKeys("DND_CONTACT", "DND_CONTACT_ADDRESS", "DND_ENTRY", "DND_AUDIT",
        "DND_TOPIC_OPTOUT", "DND_LATER_PROBE");
    int migrations = count(dataSource, "\"" + DndSchema.HISTORY_TABLE + "\"");

    // when
    new DndTables(dataSource).deleteAll();

    // then
    assertThat(rows(dataSource)).as("DND Guard's tables with rows").isEmpty();
    assertThat(count(dataSource, "\"" + DndSchema.HISTORY_TABLE + "\"")).as("Flyway's history").isEqualTo(migrations);
    assertThat(dnd.dndService().findRecord("lead-42")).isEmpty();
  }

  @Test
  void rowsLeftBeforeATestAreNamedByTableAndCountAndFailTheTestInStrictMode() {
    // given: a test class without the extension left a contact on the engine's database
    ProcessEngineExtension engine = engine();
    DndGuardExtension dnd = DndGuardExtension.of(engine);
    // the engine's database is shared with the other test classes of this JVM: start from empty tables
    dnd.beforeEach(context("aPreviousScenario()"));
    dnd.guard().contactService().register("left-behind", new ContactAddresses("+1 415 555 0199", null, null, null,
        null), Evidence.user("test", Instant.now()));

    // when, then
    assertThatThrownBy(() -> dnd.failOnLeftovers().beforeEach(context("theNextScenario()")))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("DND Guard's tables are not empty at the start of theNextScenario():")
        .hasMessageContaining("DND_CONTACT 1 row")
        .hasMessageContaining("DND_CONTACT_ADDRESS 1 row")
        .hasMessageContaining("DND_AUDIT ")
        .hasMessageContaining("register the extension in that test class too");
    assertThat(dnd.guard().dndService().findRecord("left-behind")).as("strict mode removes nothing").isPresent();

    // and the default mode removes them before the test, so it starts empty
    dnd.beforeEach(context("theNextScenario()"));
    assertThat(dnd.guard().dndService().findRecord("left-behind")).isEmpty();
  }

  @Test
  void afterEachRemovesWhatTheScenarioMadeOnTheEnginesDatabase() {
    // given: a scenario's contact, DND, audit rows and skip record
    ProcessEngineExtension engine = engine();
    DndGuardExtension dnd = DndGuardExtension.of(engine);
    dnd.beforeEach(context("aScenario()"));
    dnd.guard().contactService().register("lead-7", new ContactAddresses("+1 415 555 0107", null, null, null, null),
        Evidence.user("test", Instant.now()));
    dnd.guard().dndService().set("lead-7", DndTarget.ALL, Evidence.user("test", Instant.now()));
    String deployment = engine.getRepositoryService().createDeployment()
        .addClasspathResource("org/dndguard/test/welcome.bpmn").deploy().getId();
    try {
      ProcessInstance welcome = engine.getRuntimeService().startProcessInstanceByKey("welcome",
          Map.of("contactId", "lead-7"));
      assertThat(dnd.guard().skipRecords().ofProcessInstance(welcome.getId())).hasSize(2);

      // when
      dnd.afterEach(context("aScenario()"));

      // then
      assertThat(new DndTables(dataSource(engine)).rows().isEmpty()).as("rows left: %s",
          new DndTables(dataSource(engine)).rows()).isTrue();
      assertThat(dnd.guard().skipRecords().ofProcessInstance(welcome.getId())).isEmpty();
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  @Test
  void givenNoEngineExtensionItSaysToDeclareCamundasFirst() {
    assertThatThrownBy(() -> DndGuardExtension.of(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("DndGuardExtension.of(engine) was given no ProcessEngineExtension: declare the"
            + " @RegisterExtension ProcessEngineExtension field before the DndGuardExtension field, which uses it");
  }

  @Test
  void givenAnEngineExtensionThatWasNotBuiltItSaysToBuildIt() {
    assertThatThrownBy(() -> DndGuardExtension.of(ProcessEngineExtension.builder()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The ProcessEngineExtension given to DndGuardExtension.of(engine) has no engine:"
            + " build it first");
  }

  private static ProcessEngineExtension engine() {
    return ProcessEngineExtension.builder().configurationResource("dnd-guard.camunda.cfg.xml").build();
  }

  private static DataSource dataSource(ProcessEngineExtension engine) {
    return engine.getProcessEngine().getProcessEngineConfiguration().getDataSource();
  }

  /** DND Guard's tables with rows, upper-case names (PostgreSQL spells them in lower case). */
  private static Map<String, Long> rows(DataSource dataSource) {
    Map<String, Long> rows = new TreeMap<>();
    new DndTables(dataSource).rows().counts().forEach((table, count) -> rows.put(table.toUpperCase(), count));
    return rows;
  }

  private static int count(DataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      count.next();
      return count.getInt(1);
    }
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** A test's context as far as the extension reads it: its display name. */
  private static ExtensionContext context(String displayName) {
    return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
        new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("getDisplayName")) {
            return displayName;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
