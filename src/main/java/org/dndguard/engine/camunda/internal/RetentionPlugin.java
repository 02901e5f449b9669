package org.dndguard.engine.camunda.internal;

import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * DND Guard's retention ({@code dnd.retention.*}) as an engine plugin: it registers the retention
 * job's handler and, once the engine is built, makes sure the job exists. The job prunes DND
 * Guard's tables in batches, on one node at a time (see {@link RetentionJobHandler}).
 */
public class RetentionPlugin extends AbstractProcessEnginePlugin {

  private final RetentionPolicy policy;

  public RetentionPlugin(RetentionPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineLists.add(configuration::getCustomJobHandlers, configuration::setCustomJobHandlers,
        new RetentionJobHandler(policy));
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    configuration.getCommandExecutorTxRequired().execute(commandContext -> {
      RetentionJobHandler.ensureScheduled(commandContext);
      return null;
    });
  }
}
