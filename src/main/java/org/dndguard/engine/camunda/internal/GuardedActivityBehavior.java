package org.dndguard.engine.camunda.internal;

import org.camunda.bpm.engine.impl.bpmn.behavior.AbstractBpmnActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.FlowNodeActivityBehavior;
import org.camunda.bpm.engine.impl.migration.instance.MigratingActivityInstance;
import org.camunda.bpm.engine.impl.migration.instance.parser.MigratingInstanceParseContext;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.camunda.bpm.engine.impl.pvm.delegate.MigrationObserverBehavior;
import org.camunda.bpm.engine.impl.pvm.delegate.SignallableActivityBehavior;

/**
 * The behaviour of a guarded task or message event: it checks the contact's DND, then runs the
 * original behaviour, skips it or routes DND_BLOCKED. It extends
 * {@link AbstractBpmnActivityBehavior} because the engine leaves only flow node behaviours, and it
 * forwards leaving, signals and migration to the original, which keeps working as before.
 */
final class GuardedActivityBehavior extends AbstractBpmnActivityBehavior implements MigrationObserverBehavior {

  private final ActivityBehavior original;
  private final GuardedActivity guarded;

  GuardedActivityBehavior(ActivityBehavior original, GuardedActivity guarded) {
    this.original = original;
    this.guarded = guarded;
  }

  /** The behaviour the engine would have used without DND Guard. */
  ActivityBehavior original() {
    return original;
  }

  @Override
  public void execute(ActivityExecution execution) throws Exception {
    guarded.perform(execution, original::execute, this::leave);
  }

  @Override
  public void doLeave(ActivityExecution execution) {
    GuardedActivity.forgetCheck(execution);
    if (guarded.isSkipping(execution)) {
      // the plain outgoing behaviour: no compensation subscription for work that never ran
      bpmnActivityBehavior.performDefaultOutgoingBehavior(execution);
    } else if (original instanceof FlowNodeActivityBehavior flowNode) {
      flowNode.doLeave(execution);
    } else {
      super.doLeave(execution);
    }
  }

  @Override
  public void signal(ActivityExecution execution, String signalName, Object signalData) throws Exception {
    if (GuardedActivity.isWindowOpened(signalName)) {
      guarded.perform(execution, original::execute, this::leave);
    } else if (original instanceof SignallableActivityBehavior signallable) {
      signallable.signal(execution, signalName, signalData);
    } else {
      super.signal(execution, signalName, signalData);
    }
  }

  @Override
  public void migrateScope(ActivityExecution scopeExecution) {
    if (original instanceof MigrationObserverBehavior observer) {
      observer.migrateScope(scopeExecution);
    }
  }

  @Override
  public void onParseMigratingInstance(MigratingInstanceParseContext parseContext,
      MigratingActivityInstance migratingInstance) {
    if (original instanceof MigrationObserverBehavior observer) {
      observer.onParseMigratingInstance(parseContext, migratingInstance);
    }
  }
}
