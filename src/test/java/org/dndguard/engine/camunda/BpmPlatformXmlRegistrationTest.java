package org.dndguard.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.DndGuard;
import org.dndguard.engine.SendRecorder;
import org.dndguard.engine.SkipRecord;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Both of DND Guard's plugins registered in a shared engine's {@code bpm-platform.xml}: the file read
 * by Camunda's own parser, the engine started by the runtime container's own deployment steps, in
 * this JVM on an in-memory H2 database. The plugins' settings take effect, and a wrong property or
 * value stops the engine's start with an error that names it.
 */
class BpmPlatformXmlRegistrationTest {

  private static final String ENGINE = "dnd-guard-bpm-platform";

  @Test
  void bothPluginsFromBpmPlatformXmlGuardAndIndexWithTheirSettings() {
    try (ContainerEngines container = ContainerEngines.fromBpmPlatformXml(resource("bpm-platform.xml"))) {
      // given: the engine that bpm-platform.xml describes, a contact with SMS in DND
      ProcessEngine engine = container.engine(ENGINE);
      assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getProcessEnginePlugins())
          .hasAtLeastOneElementOfType(DndGuardPlugin.class).hasAtLeastOneElementOfType(ContactInstanceIndexPlugin.class);
      DndGuard dnd = DndGuard.on(engine.getProcessEngineConfiguration().getDataSource());
      String contactId = "c-" + UUID.randomUUID();
      dnd.contactService().register(contactId, new ContactAddresses("+44 20 7946 0958", null, null, null, null),
          Evidence.user("test", Instant.now()));
      dnd.dndService().set(contactId, DndTarget.SMS, Evidence.user("test", Instant.now()));
      engine.getRepositoryService().createDeployment()
          .addClasspathResource("org/dndguard/engine/camunda/IndexedCampaign.bpmn").deploy();

      // when: the contact is in the variable both plugins were told about
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("IndexedCampaign",
          Map.of("clientId", contactId));

      // then: the guard held the SMS back, and the index knows the instance by that contact
      assertThat(SendRecorder.sent(engine.getHistoryService(), instance.getId())).doesNotContain("sendSms");
      assertThat(dnd.skipRecords().query().processInstanceId(instance.getId()).list())
          .extracting(SkipRecord::activityId).containsExactly("sendSms");
      assertThat(indexedInstances(engine, contactId)).containsExactly(instance.getId());
    }
  }

  @Test
  void withSchemaMigrateFalseTheEngineRunsOnTablesADbaCreatedFromTheShippedScripts() throws SQLException {
    // given: a DBA ran the scripts of db/dndguard in version order, by hand
    String database = "dnd-guard-dba-" + UUID.randomUUID();
    try (Connection dba = DriverManager.getConnection(jdbcUrl(database), "sa", "")) {
      for (Path script : shippedScripts()) {
        try (Statement statement = dba.createStatement()) {
          statement.execute(Files.readString(script));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    // when
    try (ContainerEngines container = ContainerEngines.fromBpmPlatformXml(platformXml(database,
        "<property name=\"schemaMigrate\">false</property>", "<property name=\"schemaMigrate\">false</property>"))) {

      // then: the engine runs and indexes, and DND Guard ran no migration of its own
      ProcessEngine engine = container.engine(ENGINE);
      DndGuard dnd = DndGuard.builder(engine.getProcessEngineConfiguration().getDataSource()).migrateSchema(false)
          .build();
      String contactId = "c-" + UUID.randomUUID();
      dnd.contactService().register(contactId, new ContactAddresses("+44 20 7946 0958", null, null, null, null),
          Evidence.user("test", Instant.now()));
      engine.getRepositoryService().createDeployment()
          .addClasspathResource("org/dndguard/engine/camunda/IndexedCampaign.bpmn").deploy();
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("IndexedCampaign",
          Map.of("contactId", contactId));
      assertThat(indexedInstances(engine, contactId)).containsExactly(instance.getId());
      assertThat(JdbcClient.create(engine.getProcessEngineConfiguration().getDataSource())
          .sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'DND_SCHEMA_HISTORY'")
          .query(Integer.class).single()).isZero();
    }
  }

  @Test
  void withSchemaMigrateFalseAndNoTablesTheEngineRefusesToStartNamingTheScripts() {
    String xml = platformXml("dnd-guard-empty-" + UUID.randomUUID(), "<property name=\"schemaMigrate\">false</property>",
        "<property name=\"schemaMigrate\">false</property>");

    assertThatThrownBy(() -> ContainerEngines.fromBpmPlatformXml(xml).close())
        .rootCause().hasMessageContaining("DND_CONTACT_INSTANCE").hasMessageContaining("V4__contact_instances.sql")
        .hasMessageContaining("dnd.schema.migrate=true");
  }

  @Test
  void anUnknownPropertyOfAPluginIsNamedWithThePlugin() {
    String xml = platformXml("dnd-guard-typo-" + UUID.randomUUID(), "",
        "<property name=\"contactVariabel\">clientId</property>");

    assertThatThrownBy(() -> ContainerEngines.fromBpmPlatformXml(xml).close())
        .hasMessageContaining("Cannot find setter for property 'contactVariabel' on class "
            + "'org.dndguard.engine.camunda.ContactInstanceIndexPlugin'");
  }

  @Test
  void aBadValueOfAPluginPropertyIsNamedWithWhatItAccepts() {
    String badFlag = platformXml("dnd-guard-flag-" + UUID.randomUUID(), "",
        "<property name=\"schemaMigrate\">yes</property>");
    String badRegion = platformXml("dnd-guard-region-" + UUID.randomUUID(),
        "<property name=\"defaultRegion\">UK</property>", "");

    assertThatThrownBy(() -> ContainerEngines.fromBpmPlatformXml(badFlag).close())
        .hasMessageContaining("Cannot set property 'schemaMigrate' on instance of class "
            + "'org.dndguard.engine.camunda.ContactInstanceIndexPlugin'")
        .rootCause().hasMessage("The plugin property 'schemaMigrate' is true or false, not 'yes'");
    assertThatThrownBy(() -> ContainerEngines.fromBpmPlatformXml(badRegion).close())
        .hasMessageContaining("Cannot set property 'defaultRegion' on instance of class "
            + "'org.dndguard.engine.camunda.DndGuardPlugin'")
        .hasStackTraceContaining("Unknown phone region 'UK'; use a two-letter ISO 3166 code such as US or GB");
  }

  @Test
  void pluginsReadingTheContactFromDifferentVariablesRefuseToStart() {
    String xml = platformXml("dnd-guard-variables-" + UUID.randomUUID(),
        "<property name=\"contactVariable\">clientId</property>", "");

    assertThatThrownBy(() -> ContainerEngines.fromBpmPlatformXml(xml).close())
        .rootCause().hasMessageContaining("DndGuardPlugin from 'clientId', ContactInstanceIndexPlugin from 'contactId'")
        .hasMessageContaining("give both the same contactVariable property");
  }

  /** A bpm-platform.xml with both plugins on its own in-memory database, each plugin with the properties given. */
  private static String platformXml(String database, String guardProperties, String indexProperties) {
    return ContainerEngines.bpmPlatformXml(ENGINE, "<property name=\"jdbcUrl\">" + jdbcUrl(database)
        + "</property><property name=\"jdbcUsername\">sa</property><property name=\"jdbcPassword\"></property>",
        guardProperties, indexProperties);
  }

  private static String jdbcUrl(String database) {
    return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
  }

  /** The scripts a DBA runs: db/dndguard in DND Guard's jar (here its classes folder), in version order. */
  private static List<Path> shippedScripts() {
    try (Stream<Path> files = Files.list(Path.of(DndGuard.class.getClassLoader().getResource("db/dndguard").toURI()))) {
      return files.sorted(Comparator.comparingInt(BpmPlatformXmlRegistrationTest::version)).toList();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int version(Path script) {
    String name = script.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }

  private static List<String> indexedInstances(ProcessEngine engine, String contactId) {
    return JdbcClient.create(engine.getProcessEngineConfiguration().getDataSource())
        .sql("SELECT PROCESS_INSTANCE_ID FROM DND_CONTACT_INSTANCE WHERE CONTACT_ID = ?").param(contactId)
        .query(String.class).list();
  }

  private static String resource(String name) {
    try (InputStream in = BpmPlatformXmlRegistrationTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
