package org.dndguard.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deploys every model of the project's {@code bpmn/} folder when the engine has started. The
 * folder is read from the file system, not the class path, so the sample models never ship inside
 * the library jar; unchanged models are not deployed again.
 */
@Component
class BpmnFolderDeployer {

  private static final Logger LOG = LoggerFactory.getLogger(BpmnFolderDeployer.class);

  private final RepositoryService repositoryService;
  private final Path folder;

  BpmnFolderDeployer(RepositoryService repositoryService, @Value("${dnd.app.models:bpmn}") Path folder) {
    this.repositoryService = repositoryService;
    this.folder = folder;
  }

  // not the starter's PostDeployEvent: only a @EnableProcessApplication application publishes that
  @EventListener
  public void deploy(ApplicationReadyEvent event) throws IOException {
    if (!Files.isDirectory(folder)) {
      LOG.warn("No models deployed: the folder {} does not exist (set dnd.app.models to the folder of your"
          + " BPMN models)", folder.toAbsolutePath());
      return;
    }
    List<Path> models;
    try (Stream<Path> files = Files.list(folder)) {
      models = files.filter(f -> f.getFileName().toString().endsWith(".bpmn")).sorted().toList();
    }
    if (models.isEmpty()) {
      return;
    }
    DeploymentBuilder deployment = repositoryService.createDeployment()
        .name("dnd-guard-reference-models")
        .source(folder.toAbsolutePath().toString())
        .enableDuplicateFiltering(true);
    for (Path model : models) {
      deployment.addString(model.getFileName().toString(), Files.readString(model));
    }
    deployment.deploy();
    LOG.info("Deployed {} models from {}", models.size(), folder.toAbsolutePath());
  }
}
