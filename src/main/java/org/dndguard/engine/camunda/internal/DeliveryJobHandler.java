package org.dndguard.engine.camunda.internal;

import java.util.function.Function;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.dndguard.engine.internal.Delivery;
import org.dndguard.engine.internal.DeliveryHandler;
import org.dndguard.engine.internal.DeliveryMetrics;

/**
 * Runs one {@link Delivery} in the job's transaction, by the handler of its kind. The job's
 * configuration is the kind, a line break, and the payload.
 */
final class DeliveryJobHandler implements JobHandler<DeliveryJobHandler.Configuration> {

  static final String TYPE = "dnd-guard-delivery";

  private final Function<String, DeliveryHandler> handlers;
  private final DeliveryMetrics metrics;

  DeliveryJobHandler(Function<String, DeliveryHandler> handlers, DeliveryMetrics metrics) {
    this.handlers = handlers;
    this.metrics = metrics;
  }

  record Configuration(String raw) implements JobHandlerConfiguration {

    @Override
    public String toCanonicalString() {
      return raw;
    }
  }

  static String configuration(Delivery delivery) {
    return delivery.kind() + "\n" + delivery.payload();
  }

  static String kind(String raw) {
    int end = raw.indexOf('\n');
    return end < 0 ? raw : raw.substring(0, end);
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(Configuration configuration, ExecutionEntity execution, CommandContext commandContext,
      String tenantId) {
    String raw = configuration.raw();
    int end = raw.indexOf('\n');
    if (end < 0) {
      throw new IllegalStateException("A " + TYPE + " job without a payload: '" + raw + "'");
    }
    JobEntity job = commandContext.getCurrentJob();
    Delivery delivery = new Delivery(raw.substring(0, end), raw.substring(end + 1),
        job == null ? null : job.getProcessInstanceId());
    handlers.apply(delivery.kind()).deliver(delivery);
    commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
        committed -> metrics.delivered(delivery.kind()));
  }

  @Override
  public Configuration newConfiguration(String canonicalString) {
    return new Configuration(canonicalString);
  }

  @Override
  public void onDelete(Configuration configuration, JobEntity jobEntity) {
    // nothing kept outside the job
  }
}
