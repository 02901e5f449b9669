package org.dndguard.engine.camunda;

/** The contact index without Spring, from a process application's {@code processes.xml}, on H2. */
class ContactIndexWithoutSpringTest extends ContactIndexWithoutSpringContract {

  @Override
  ContainerEngines startContainer() {
    return ContainerEngines.fromProcessesXml(getClass().getResource("processes.xml"));
  }

  @Override
  String engineName() {
    return "dnd-guard-processes-xml";
  }
}
