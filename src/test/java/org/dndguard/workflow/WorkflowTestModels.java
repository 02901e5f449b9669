package org.dndguard.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The workflow tests' models and contacts. */
public final class WorkflowTestModels {

  private static final String FOLDER = "org/dndguard/workflow/";

  private WorkflowTestModels() {
  }

  /**
   * Deploys the models every workflow test uses, once per database: duplicate filtering skips a
   * deployment whose models have not changed.
   */
  public static void deploy(RepositoryService repositoryService) {
    DeploymentBuilder deployment = repositoryService.createDeployment()
        .name("dnd-guard-workflow-test-models")
        .enableDuplicateFiltering(true);
    try {
      for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath:" + FOLDER + "*.bpmn")) {
        try (InputStream in = model.getInputStream()) {
          deployment.addInputStream(model.getFilename(), in);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    deployment.deploy();
  }

  /**
   * Deploys a model that must not stay deployed (it starts on every DND change, or holds a timer):
   * delete the deployment with {@code deleteDeployment(id, true)} at the end of the test.
   */
  static Deployment deployOnDemand(RepositoryService repositoryService, String processKey) {
    return repositoryService.createDeployment()
        .name("dnd-guard-workflow-test-" + processKey)
        .addClasspathResource(FOLDER + "on-demand/" + processKey + ".bpmn")
        .deploy();
  }

  /** A contact id no other test uses, since every test shares one database. */
  public static String newContactId(String hint) {
    return hint + "-" + UUID.randomUUID();
  }

  /** A valid US number that no other test is likely to use: provider events apply to every contact with it. */
  public static String randomUsPhone() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "+1 415 " + random.nextInt(200, 1000) + " " + String.format("%04d", random.nextInt(10000));
  }

  static String registerContact(ContactService contacts, String hint) {
    String contactId = newContactId(hint);
    contacts.register(contactId, ContactAddresses.none(), Evidence.user("test", Instant.now()));
    return contactId;
  }
}
