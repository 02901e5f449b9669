package org.dndguard.engine.camunda.internal;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a step that quiet hours deferred. The deferral is one of the engine's own timer jobs, due
 * when the channel's window opens: it is in the engine's database, so it survives a restart, and
 * the job executor's locking runs it once in a cluster. When it fires it signals the waiting
 * execution, whose guarded behaviour checks DND again and runs or skips the step.
 */
public final class DeferredStepJobHandler implements JobHandler<DeferredStepJobHandler.WaitingStep> {

  /** The job handler type in {@code ACT_RU_JOB.HANDLER_TYPE_}. */
  static final String TYPE = "dnd-guard-deferred-step";
  /** The signal a deferred step's behaviour receives when its window opens. */
  static final String SIGNAL = "dndGuard.windowOpened";

  private static final Logger LOG = LoggerFactory.getLogger(DeferredStepJobHandler.class);

  /** The activity instance that waits: a job whose execution has moved on since does nothing. */
  record WaitingStep(String activityInstanceId) implements JobHandlerConfiguration {
    @Override
    public String toCanonicalString() {
      return activityInstanceId;
    }
  }

  /** Schedules the timer that wakes the execution's step at {@code due}, in the engine's transaction. */
  static void schedule(ActivityExecution execution, Instant due) {
    TimerEntity timer = new TimerEntity();
    timer.setJobHandlerType(TYPE);
    timer.setJobHandlerConfiguration(new WaitingStep(execution.getActivityInstanceId()));
    timer.setDuedate(Date.from(due));
    // what the engine's own timer declarations set: job queries by definition, Cockpit, suspension
    ExecutionJobs.attach(timer, (ExecutionEntity) execution);
    Context.getCommandContext().getJobManager().schedule(timer);
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(WaitingStep step, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
    if (execution == null || !step.activityInstanceId().equals(execution.getActivityInstanceId())) {
      // the instance left the step another way (a boundary event, a modification): nothing waits any more
      LOG.debug("Deferred step {} is no longer waiting; nothing to run", step.activityInstanceId());
      return;
    }
    execution.signal(SIGNAL, null);
  }

  @Override
  public WaitingStep newConfiguration(String canonicalString) {
    return new WaitingStep(canonicalString);
  }

  @Override
  public void onDelete(WaitingStep configuration, JobEntity jobEntity) {
    // nothing of DND Guard's refers to the job
  }
}
