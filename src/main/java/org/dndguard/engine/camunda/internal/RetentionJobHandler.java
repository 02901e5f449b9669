package org.dndguard.engine.camunda.internal;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.dndguard.store.internal.RetentionPruning;
import org.dndguard.store.internal.RetentionPruning.Pruned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention job: a timer of the engine's own, so it is in the engine's database, survives a
 * restart, and is acquired by one node of a cluster at a time (the job executor locks it, and it is
 * exclusive). Each run deletes one batch per table in its own transaction (the job's), on the
 * engine command's connection, then schedules the next run: at once while a table had a whole
 * batch, else after the interval. Times are the engine's ({@link ClockUtil}).
 *
 * <p>Two nodes that start together may each create the timer; a run that finds another retention
 * timer with a smaller id does not schedule a successor, so one timer remains.
 */
public final class RetentionJobHandler implements JobHandler<RetentionJobHandler.Run> {

  /** The job handler type in {@code ACT_RU_JOB.HANDLER_TYPE_}. */
  public static final String TYPE = "dnd-guard-retention";

  private static final Logger LOG = LoggerFactory.getLogger(RetentionJobHandler.class);

  /** The timer has no configuration of its own: the policy is the node's. */
  record Run() implements JobHandlerConfiguration {
    @Override
    public String toCanonicalString() {
      return "";
    }
  }

  private final RetentionPolicy policy;

  public RetentionJobHandler(RetentionPolicy policy) {
    this.policy = policy;
  }

  /** Creates the timer, due at once, unless one exists; in the caller's command. */
  public static void ensureScheduled(CommandContext commandContext) {
    List<Job> existing = commandContext.getJobManager().findJobsByHandlerType(TYPE).stream().map(Job.class::cast)
        .toList();
    if (existing.isEmpty()) {
      schedule(commandContext, ClockUtil.getCurrentTime().toInstant());
    }
  }

  private static void schedule(CommandContext commandContext, Instant due) {
    TimerEntity timer = new TimerEntity();
    timer.setJobHandlerType(TYPE);
    timer.setJobHandlerConfiguration(new Run());
    timer.setDuedate(Date.from(due));
    commandContext.getJobManager().schedule(timer);
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(Run run, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    RetentionPruning pruning = new RetentionPruning(new CommandConnectionDataSource());
    Pruned pruned = pruning.pruneBatch(policy.cutoffs(now), policy.batchSize());
    if (pruned.total() > 0) {
      LOG.info("DND Guard's retention deleted {} audit rows, {} provider events, {} skip records and {} outbox"
          + " messages", pruned.audit(), pruned.providerEvents(), pruned.skipRecords(), pruned.outbox());
    }
    JobEntity current = commandContext.getCurrentJob();
    String currentId = current == null ? null : current.getId();
    boolean anotherLeads = commandContext.getJobManager().findJobsByHandlerType(TYPE).stream()
        .anyMatch(job -> currentId != null && !job.getId().equals(currentId) && job.getId().compareTo(currentId) < 0);
    if (anotherLeads) {
      LOG.debug("Another DND Guard retention timer exists; this one ends");
      return;
    }
    schedule(commandContext, pruned.anyFull(policy.batchSize()) ? now : now.plus(policy.interval()));
  }

  @Override
  public Run newConfiguration(String canonicalString) {
    return new Run();
  }

  @Override
  public void onDelete(Run configuration, JobEntity jobEntity) {
    // nothing refers to the job
  }
}
