package org.dndguard.engine.camunda.internal;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;

/**
 * The engine's history event handler, less the historic job log rows of DND Guard's delivery jobs
 * that say nothing an operator needs: their creation, success and deletion. A failed attempt is
 * still logged, with its exception, and a delivery out of attempts is an incident as before.
 *
 * <p>Why: with history level {@code full} every job writes a job log row when it is created, in the
 * transaction that creates it, and another when it succeeds. For a delivery that is the DND change's
 * own transaction: a provider's webhook paid for a second insert (into a table with eight indexes)
 * that only repeats what the audit trail and the delivered process instance's history already
 * prove. Benchmark 5 (docs/performance.md) measured what that cost. The engine names a job without a
 * job definition by its handler type in the log, which is how these rows are recognised.
 */
final class DeliveryJobLog implements HistoryEventHandler {

  private final HistoryEventHandler engine;

  DeliveryJobLog(HistoryEventHandler engine) {
    this.engine = Objects.requireNonNull(engine, "the engine's history event handler");
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (kept(event)) {
      engine.handleEvent(event);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    List<HistoryEvent> kept = events.stream().filter(DeliveryJobLog::kept).toList();
    if (kept.size() == events.size()) {
      engine.handleEvents(events);
    } else if (!kept.isEmpty()) {
      engine.handleEvents(kept);
    }
  }

  static boolean kept(HistoryEvent event) {
    return !(event instanceof HistoricJobLogEventEntity log)
        || !DeliveryJobHandler.TYPE.equals(log.getJobDefinitionType())
        || log.isFailureLog();
  }
}
