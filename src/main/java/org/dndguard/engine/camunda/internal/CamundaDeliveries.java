package org.dndguard.engine.camunda.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.runtime.Job;
import org.dndguard.engine.internal.Delivery;
import org.dndguard.engine.internal.DeliveryHandler;
import org.dndguard.engine.internal.DeliveryMetrics;
import org.dndguard.engine.DeliveryQueue;

/**
 * DND Guard's durable deliveries as Camunda jobs: a process engine plugin that registers the job
 * handler {@value DeliveryJobHandler#TYPE} and a back-off for its failures, and the
 * {@link DeliveryQueue} that creates such jobs.
 *
 * <p>Why the engine's jobs and not a queue of DND Guard's own: the job executor already acquires
 * jobs on every node of a cluster without two nodes taking one, retries failed ones, turns one that
 * keeps failing into an incident that Cockpit shows, and hints itself after the commit that created
 * a job. A job is created through an engine command, which joins the caller's transaction (the
 * Spring Boot starter's engine joins the Spring transaction, and a command inside a service task
 * joins the step's), so it commits with the DND change on the same connection.
 */
public class CamundaDeliveries extends AbstractProcessEnginePlugin implements DeliveryQueue {

  /** Attempts per delivery before it becomes an incident; conflicts with concurrent changes do not count. */
  public static final int ATTEMPTS = 5;
  /** The most rounds {@link #deliverPending()} runs, so that a delivery that keeps conflicting cannot hold it forever. */
  private static final int MAX_ROUNDS = 200;

  private final Supplier<? extends Collection<DeliveryHandler>> handlers;
  private final DeliveryMetrics metrics;
  private volatile Map<String, DeliveryHandler> byKind;
  private volatile ProcessEngineConfigurationImpl configuration;

  /**
   * @param handlers the handlers, asked for when the first delivery runs (they may need the engine,
   *     which needs this plugin first)
   */
  public CamundaDeliveries(Supplier<? extends Collection<DeliveryHandler>> handlers, DeliveryMetrics metrics) {
    this.handlers = Objects.requireNonNull(handlers, "handlers");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    registerJobHandler(configuration);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    backOffFailedDeliveries(configuration);
    logFailedDeliveriesOnly(configuration);
    this.configuration = configuration;
  }

  private void registerJobHandler(ProcessEngineConfigurationImpl configuration) {
    EngineLists.add(configuration::getCustomJobHandlers, configuration::setCustomJobHandlers,
        new DeliveryJobHandler(this::handler, metrics));
  }

  /** Wraps the engine's failed-job command (set by init) for this plugin's jobs only. */
  private void backOffFailedDeliveries(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory others = configuration.getFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, exception) ->
        new DeliveryRetryCmd(jobId, exception, others.getCommand(jobId, exception), metrics));
  }

  /** Read at every event from the configuration, so wrapping the handler that init composed is enough. */
  private static void logFailedDeliveriesOnly(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(new DeliveryJobLog(configuration.getHistoryEventHandler()));
  }

  @Override
  public void schedule(Delivery delivery) {
    engine().getCommandExecutorTxRequired().execute((CommandContext context) -> {
      MessageEntity job = new MessageEntity();
      job.setJobHandlerType(DeliveryJobHandler.TYPE);
      job.setJobHandlerConfigurationRaw(DeliveryJobHandler.configuration(delivery));
      job.setRetries(ATTEMPTS);
      // exclusive only where it means something: with the other jobs of the instance it wakes. For a
      // job of no instance it would change nothing but the acquisition's cost: its "no exclusive job
      // of the same instance in progress" subquery compares with NULL, which H2 answers by reading
      // every job without an instance, for each candidate (benchmark 5, docs/performance.md)
      job.setExclusive(delivery.processInstanceId() != null);
      job.setProcessInstanceId(delivery.processInstanceId());
      ExecutionEntity instance = delivery.processInstanceId() == null ? null
          : context.getExecutionManager().findExecutionById(delivery.processInstanceId());
      if (instance != null) {
        belongTo(job, instance);
      }
      // inserted with the caller's flush; the job executor is hinted once the transaction commits
      context.getJobManager().send(job);
      return null;
    });
  }

  /**
   * Makes the delivery one of the instance's jobs ({@link ExecutionJobs#attach}). A suspended instance
   * takes no message, so a delivery to one is created suspended: the job executor leaves it alone
   * until the instance is activated (no incident meanwhile).
   */
  private static void belongTo(MessageEntity job, ExecutionEntity instance) {
    ExecutionJobs.attach(job, instance);
    if (instance.isSuspended()) {
      job.setSuspensionState(SuspensionState.SUSPENDED.getStateCode());
    }
  }

  @Override
  public int deliverPending() {
    int delivered = 0;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<String> due = dueJobs();
      if (due.isEmpty()) {
        break;
      }
      for (String jobId : due) {
        try {
          engine().getManagementService().executeJob(jobId);
          delivered++;
        } catch (RuntimeException e) {
          // the engine counted the attempt (or not, for a conflict); a next round tries again
        }
      }
    }
    return delivered;
  }

  @Override
  public long pending() {
    return jobsWithAttemptsLeft().size();
  }

  @Override
  public long failed() {
    // the jobs without retries are few (each is an incident); the backlog need not be read for them
    return engine().getManagementService().createJobQuery().noRetriesLeft().list().stream()
        .filter(job -> job instanceof JobEntity entity && DeliveryJobHandler.TYPE.equals(entity.getJobHandlerType()))
        .count();
  }

  /** {@link #failed()} for a gauge, which may be read before the engine runs or after it stopped: NaN then. */
  public double failedIfRunning() {
    try {
      return configuration == null ? Double.NaN : failed();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private List<String> jobsWithAttemptsLeft() {
    return ourJobs().stream().filter(job -> job.getRetries() > 0).map(Job::getId).sorted().toList();
  }

  /** Those the job executor would take: a suspended instance's wait for its activation. */
  private List<String> dueJobs() {
    return ourJobs().stream().filter(job -> job.getRetries() > 0 && !job.isSuspended()).map(Job::getId).sorted()
        .toList();
  }

  private List<Job> ourJobs() {
    return engine().getCommandExecutorTxRequired().execute(
        context -> context.getJobManager().findJobsByHandlerType(DeliveryJobHandler.TYPE));
  }

  private DeliveryHandler handler(String kind) {
    Map<String, DeliveryHandler> known = byKind;
    if (known == null) {
      Map<String, DeliveryHandler> collected = new HashMap<>();
      for (DeliveryHandler handler : handlers.get()) {
        DeliveryHandler before = collected.put(handler.kind(), handler);
        if (before != null && before != handler) {
          throw new IllegalStateException("Two delivery handlers for kind '" + handler.kind() + "': "
              + before.getClass().getName() + " and " + handler.getClass().getName());
        }
      }
      byKind = known = Map.copyOf(collected);
    }
    DeliveryHandler handler = known.get(kind);
    if (handler == null) {
      throw new IllegalStateException("No delivery handler for kind '" + kind + "' on this node; known: "
          + known.keySet() + ". Is DND Guard's configuration the same on every node?");
    }
    return handler;
  }

  private ProcessEngineConfigurationImpl engine() {
    ProcessEngineConfigurationImpl engine = configuration;
    if (engine == null) {
      throw new IllegalStateException("DND Guard's delivery plugin has not been initialised by a process engine yet");
    }
    return engine;
  }
}
