package org.dndguard.engine.camunda;

import org.dndguard.testsupport.TestDatabases;

/**
 * The contact index without Spring, from a shared engine's {@code bpm-platform.xml}, on PostgreSQL
 * (a fresh database in the embedded server), whose upsert and isolation differ from H2's.
 */
class ContactIndexWithoutSpringOnPostgresTest extends ContactIndexWithoutSpringContract {

  private static final String ENGINE = "dnd-guard-postgres";

  @Override
  ContainerEngines startContainer() {
    String jdbcUrl = TestDatabases.postgresUrl(TestDatabases.postgres());
    String customerId = "<property name=\"contactVariable\">customerId</property>";
    return ContainerEngines.fromBpmPlatformXml(ContainerEngines.bpmPlatformXml(ENGINE,
        "<property name=\"jdbcUrl\">" + jdbcUrl.replace("&", "&amp;") + "</property>"
            + "<property name=\"jdbcDriver\">org.postgresql.Driver</property>"
            + "<property name=\"jdbcUsername\">postgres</property>"
            + "<property name=\"jdbcPassword\"></property>"
            + "<property name=\"jdbcMaxActiveConnections\">" + POOL_SIZE + "</property>",
        customerId, customerId));
  }

  @Override
  String engineName() {
    return ENGINE;
  }
}
