package org.dndguard.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.application.impl.metadata.ProcessesXmlParser;
import org.camunda.bpm.application.impl.metadata.spi.ProcessesXml;
import org.camunda.bpm.container.impl.metadata.PropertyHelper;
import org.camunda.bpm.container.impl.metadata.spi.ProcessEngineXml;
import org.camunda.bpm.container.impl.metadata.spi.ProcessEnginePluginXml;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.DndGuard;
import org.dndguard.engine.SkipRecord;
import org.dndguard.engine.SendRecorder;
import org.junit.jupiter.api.Test;

/**
 * DND Guard registered without Spring, in a process application's {@code processes.xml} (with the
 * contact index plugin beside it; {@link ContactIndexWithoutSpringTest} tests the index): the
 * engine is configured as Camunda's container does it (the file read by Camunda's own parser, every
 * plugin made with its no-argument constructor and given its properties through its setters), and
 * the guard honours the plugin's settings.
 */
class ProcessesXmlRegistrationTest {

  @Test
  void thePluginFromProcessesXmlGuardsStepsWithItsSettings() throws Exception {
    // given: the engine that processes.xml describes, built as the container builds it
    ProcessesXml processesXml = new ProcessesXmlParser().createParse()
        .sourceUrl(getClass().getResource("processes.xml")).execute().getProcessesXml();
    ProcessEngineXml engineXml = processesXml.getProcessEngines().get(0);
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) Class.forName(
        engineXml.getConfigurationClass()).getDeclaredConstructor().newInstance();
    configuration.setProcessEngineName(engineXml.getName());
    PropertyHelper.applyProperties(configuration, engineXml.getProperties());
    for (ProcessEnginePluginXml pluginXml : engineXml.getPlugins()) {
      ProcessEnginePlugin plugin = (ProcessEnginePlugin) Class.forName(pluginXml.getPluginClass())
          .getDeclaredConstructor().newInstance();
      PropertyHelper.applyProperties(plugin, pluginXml.getProperties());
      configuration.getProcessEnginePlugins().add(plugin);
    }
    configuration.setBeans(Map.of("sendMessage", new SendRecorder()));
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      DndGuard dnd = DndGuard.on(engine.getProcessEngineConfiguration().getDataSource());
      dnd.contactService().register("cust-1", new ContactAddresses("+44 20 7946 0958", "ann@example.co.uk",
          "+44 20 7946 0958", null, null), Evidence.user("test", Instant.now()));
      dnd.dndService().set("cust-1", DndTarget.SMS, Evidence.user("test", Instant.now()));
      engine.getRepositoryService().createDeployment()
          .addClasspathResource("org/dndguard/engine/EveryChannel.bpmn").deploy();

      // when: the contact is in the variable the plugin was told about
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("EveryChannel",
          Map.of("customerId", "cust-1"));

      // then: SMS is held back, the other channels sent
      assertThat(SendRecorder.sent(engine.getHistoryService(), instance.getId()))
          .doesNotContain("sendSms").contains("sendEmail", "sendWhatsApp");
      assertThat(dnd.skipRecords().query().processInstanceId(instance.getId()).list())
          .extracting(SkipRecord::activityId).containsExactly("sendSms");
    } finally {
      engine.close();
    }
  }

  @Test
  void everySettingOfBothPluginsHasASetterForXml() {
    // processes.xml and bpm-platform.xml reach a plugin through its no-argument constructor and setters
    assertThat(DndGuardPlugin.class.getConstructors()).anySatisfy(c -> assertThat(c.getParameterCount()).isZero());
    assertThat(Arrays.stream(DndGuardPlugin.class.getMethods()).map(Method::getName))
        .contains("setContactVariable", "setDefaultRegion", "setSchemaMigrate");
    assertThat(ContactInstanceIndexPlugin.class.getConstructors())
        .anySatisfy(c -> assertThat(c.getParameterCount()).isZero());
    assertThat(Arrays.stream(ContactInstanceIndexPlugin.class.getMethods()).map(Method::getName))
        .contains("setContactVariable", "setSchemaMigrate");
  }
}
