package org.dndguard.engine.internal;

import java.sql.Connection;
import org.dndguard.engine.SkipRecord;

/**
 * The running step as {@link StepGuard} sees it: the few things it reads from the process engine.
 * The engine adapter implements it, so the guard itself knows no engine internals.
 */
public interface StepContext {

  String processInstanceId();

  String processDefinitionId();

  String activityInstanceId();

  /** The process instance's business key, or null. */
  String businessKey();

  /** A variable visible from the step (its own, its scopes', the process instance's), or null. */
  Object variable(String name);

  /**
   * Evaluates an expression of the step's properties against the step's variables.
   *
   * @throws RuntimeException when the expression cannot be evaluated
   */
  Object evaluate(String expression);

  /** The connection of the engine's current transaction, on which the guard counts a step it lets run. */
  Connection connection();

  /**
   * Has a skip record written on {@link #connection()} when the engine command flushes its writes,
   * in one batch with the command's other skip records, so that it commits or rolls back with the
   * step. A failed write fails the command: nothing of it commits.
   */
  void recordSkip(SkipRecord record);
}
