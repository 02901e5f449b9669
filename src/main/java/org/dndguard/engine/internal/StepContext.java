package org.dndguard.engine.internal;

import java.sql.Connection;

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

  /** The connection of the engine's current transaction, so a skip record commits with the step. */
  Connection connection();
}
