package org.dndguard.engine.camunda;

import java.net.URL;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.application.impl.metadata.ProcessesXmlParser;
import org.camunda.bpm.application.impl.metadata.spi.ProcessesXml;
import org.camunda.bpm.container.impl.RuntimeContainerDelegateImpl;
import org.camunda.bpm.container.impl.deployment.Attachments;
import org.camunda.bpm.container.impl.deployment.PlatformXmlStartProcessEnginesStep;
import org.camunda.bpm.container.impl.deployment.ProcessesXmlStartProcessEnginesStep;
import org.camunda.bpm.container.impl.deployment.StopProcessEnginesStep;
import org.camunda.bpm.container.impl.deployment.jobexecutor.StartJobExecutorStep;
import org.camunda.bpm.container.impl.deployment.jobexecutor.StartManagedThreadPoolStep;
import org.camunda.bpm.container.impl.deployment.jobexecutor.StopJobExecutorStep;
import org.camunda.bpm.container.impl.deployment.jobexecutor.StopManagedThreadPoolStep;
import org.camunda.bpm.container.impl.metadata.BpmPlatformXmlParse;
import org.camunda.bpm.container.impl.metadata.BpmPlatformXmlParser;
import org.camunda.bpm.container.impl.metadata.spi.BpmPlatformXml;
import org.camunda.bpm.container.impl.spi.DeploymentOperationStep;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * Process engines started the way Camunda's runtime container starts them from a process
 * application's {@code processes.xml} or a shared engine's {@code bpm-platform.xml}: the file read by
 * Camunda's own parser, the engines started by the container's own deployment steps (which make each
 * plugin with its no-argument constructor and give it its properties through its setters). Each
 * instance is a container of its own, in this JVM; closing it stops its engines.
 */
final class ContainerEngines implements AutoCloseable {

  private final RuntimeContainerDelegateImpl container = new RuntimeContainerDelegateImpl();
  private final boolean ownsAJobExecutor;

  private ContainerEngines(boolean ownsAJobExecutor) {
    this.ownsAJobExecutor = ownsAJobExecutor;
  }

  /** Starts the engines of a process application's {@code processes.xml}. */
  static ContainerEngines fromProcessesXml(URL processesXmlUrl) {
    ProcessesXml processesXml = new ProcessesXmlParser().createParse().sourceUrl(processesXmlUrl).execute()
        .getProcessesXml();
    ContainerEngines engines = new ContainerEngines(false);
    engines.start("deploy process application", Attachments.PROCESSES_XML_RESOURCES,
        Map.of(processesXmlUrl, processesXml), List.of(new ProcessesXmlStartProcessEnginesStep()));
    return engines;
  }

  /**
   * Starts the engines of a {@code bpm-platform.xml} given as text, with the steps of Camunda's Tomcat
   * bootstrap: the container's thread pool and job executor (each engine of the file names its job
   * acquisition), then the engines.
   */
  static ContainerEngines fromBpmPlatformXml(String bpmPlatformXml) {
    BpmPlatformXmlParse parse = new BpmPlatformXmlParser().createParse();
    parse.sourceString(bpmPlatformXml);
    BpmPlatformXml platformXml = parse.execute().getBpmPlatformXml();
    ContainerEngines engines = new ContainerEngines(true);
    engines.start("deploy BPM platform", Attachments.BPM_PLATFORM_XML, platformXml, List.of(
        new StartManagedThreadPoolStep(), new StartJobExecutorStep(), new PlatformXmlStartProcessEnginesStep()));
    return engines;
  }

  private void start(String operation, String attachment, Object value, List<DeploymentOperationStep> steps) {
    // a failing operation stops what it started itself (the container's rollback), so its names are free again
    container.getServiceContainer().createDeploymentOperation(operation).addAttachment(attachment, value)
        .addSteps(steps).execute();
  }

  /**
   * A bpm-platform.xml with one engine and both of DND Guard's plugins: the engine's own properties
   * (its database, say) and each plugin's, as XML {@code <property>} elements.
   */
  static String bpmPlatformXml(String engineName, String engineProperties, String guardProperties,
      String indexProperties) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpm-platform xmlns="http://www.camunda.org/schema/1.0/BpmPlatform">
          <job-executor>
            <job-acquisition name="default"/>
          </job-executor>
          <process-engine name="%s">
            <job-acquisition>default</job-acquisition>
            <configuration>org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration</configuration>
            <properties>
              %s
              <property name="databaseSchemaUpdate">true</property>
              <property name="jobExecutorActivate">false</property>
              <property name="history">full</property>
            </properties>
            <plugins>
              <plugin>
                <class>org.dndguard.engine.camunda.DndGuardPlugin</class>
                <properties>%s</properties>
              </plugin>
              <plugin>
                <class>org.dndguard.engine.camunda.ContactInstanceIndexPlugin</class>
                <properties>%s</properties>
              </plugin>
            </plugins>
          </process-engine>
        </bpm-platform>
        """.formatted(engineName, engineProperties, guardProperties, indexProperties);
  }

  ProcessEngine engine(String name) {
    ProcessEngine engine = container.getProcessEngine(name);
    if (engine == null) {
      throw new IllegalStateException("The container started no process engine named " + name + "; it has "
          + container.getProcessEngineNames());
    }
    return engine;
  }

  @Override
  public void close() {
    List<DeploymentOperationStep> steps = ownsAJobExecutor
        ? List.of(new StopProcessEnginesStep(), new StopJobExecutorStep(), new StopManagedThreadPoolStep())
        : List.of(new StopProcessEnginesStep());
    container.getServiceContainer().createUndeploymentOperation("stop process engines").addSteps(steps).execute();
  }
}
