package org.dndguard.engine.camunda.internal;

import java.util.Date;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.dndguard.engine.internal.DeliveryMetrics;

/**
 * What happens to a failed delivery job: it waits a back-off ({@link EngineConflicts#backoff}) and
 * is tried again, by any node. A conflict with a concurrent change (an optimistic locking conflict:
 * a busy instance) costs no attempt, as in Camunda's own retry; any other failure costs one, and
 * the last one leaves the job with no retries, which the engine turns into an incident. Jobs of
 * other types get the engine's own command.
 */
final class DeliveryRetryCmd extends JobRetryCmd {

  private final Command<Object> others;
  private final DeliveryMetrics metrics;

  DeliveryRetryCmd(String jobId, Throwable exception, Command<Object> others, DeliveryMetrics metrics) {
    super(jobId, exception);
    this.others = others;
    this.metrics = metrics;
  }

  @Override
  public Object execute(CommandContext commandContext) {
    JobEntity job = getJob();
    if (job == null || !DeliveryJobHandler.TYPE.equals(job.getJobHandlerType())) {
      return others.execute(commandContext);
    }
    String kind = DeliveryJobHandler.kind(job.getJobHandlerConfigurationRaw());
    int failedAttempts = CamundaDeliveries.ATTEMPTS - job.getRetries() + 1;
    job.unlock();
    // acquisition skips a job whose lock has not expired: that is the back-off
    job.setLockExpirationTime(new Date(ClockUtil.getCurrentTime().getTime()
        + EngineConflicts.backoff(failedAttempts).toMillis()));
    logException(job);
    decrementRetries(job);
    if (job.getRetries() == 0) {
      metrics.failed(kind);
    } else {
      metrics.retried(kind);
    }
    notifyAcquisition(commandContext);
    return null;
  }

  @Override
  protected boolean shouldDecrementRetriesFor(Throwable t) {
    return !EngineConflicts.isConflict(t);
  }
}
