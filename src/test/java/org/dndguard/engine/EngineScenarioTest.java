package org.dndguard.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The base of the engine's scenario tests: one real engine with DND Guard's plugin, configured in
 * {@code dnd-guard.camunda.cfg.xml} and shared by every scenario class, and the helpers the
 * scenarios read like: a contact, a DND, a started campaign, what was sent.
 */
abstract class EngineScenarioTest {

  // per test instance: the extension's class-level callbacks would clear it for the next class;
  // the engine behind it is built once per JVM and cached by the configuration resource
  @RegisterExtension
  final ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("dnd-guard.camunda.cfg.xml")
      .build();

  private static ProcessEngine processEngine;
  private static DndGuard dndGuard;

  @BeforeEach
  void initAssertions() {
    processEngine = engine.getProcessEngine();
    BpmnAwareTests.init(processEngine);
  }

  static ProcessEngine processEngine() {
    return processEngine;
  }

  /** DND Guard on the engine's database: the same contacts, DND and skip records as the plugin's. */
  static synchronized DndGuard dnd() {
    if (dndGuard == null) {
      dndGuard = DndGuard.on(processEngine.getProcessEngineConfiguration().getDataSource());
    }
    return dndGuard;
  }

  /** A newly registered contact with a phone number and an e-mail address; ids are unique per test. */
  static String newContact() {
    String id = "c-" + UUID.randomUUID();
    dnd().contactService().register(id, new ContactAddresses("+1 415 555 0100", id + "@example.com", null, null, null),
        Evidence.user("scenario-test", Instant.now()));
    return id;
  }

  /** A user turns DND on for the contact. */
  static void setDnd(String contactId, DndTarget target) {
    dnd().dndService().set(contactId, target, Evidence.user("scenario-test", "test", Instant.now()));
  }

  static ProcessInstance start(String processKey, String contactId) {
    return processEngine().getRuntimeService().startProcessInstanceByKey(processKey, Map.of("contactId", contactId));
  }

  /** The steps that did their sending work in the instance, in order. */
  static List<String> sent(ProcessInstance processInstance) {
    return SendRecorder.sent(processEngine().getHistoryService(), processInstance.getId());
  }

  static List<SkipRecord> skipRecords(ProcessInstance processInstance) {
    return dnd().skipRecords().ofProcessInstance(processInstance.getId());
  }

  /** Deploys a sample model of the project's bpmn/ folder, deleted again after the test. */
  void deploySample(String fileName) {
    try (InputStream model = Files.newInputStream(Path.of("bpmn", fileName))) {
      engine.manageDeployment(processEngine.getRepositoryService().createDeployment()
          .addInputStream(fileName, model).deploy());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Job job(ProcessInstance processInstance) {
    return processEngine().getManagementService().createJobQuery().processInstanceId(processInstance.getId()).singleResult();
  }

  static void executeJob(ProcessInstance processInstance) {
    processEngine().getManagementService().executeJob(job(processInstance).getId());
  }
}
