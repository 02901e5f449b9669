package org.dndguard.engine.camunda;

import java.sql.Connection;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.dndguard.engine.StepContext;

/** A running step as the guard sees it, read from the engine's execution. */
final class ExecutionStepContext implements StepContext {

  private final ActivityExecution execution;
  private final Map<String, Expression> expressions;

  ExecutionStepContext(ActivityExecution execution, Map<String, Expression> expressions) {
    this.execution = execution;
    this.expressions = expressions;
  }

  @Override
  public String processInstanceId() {
    return execution.getProcessInstanceId();
  }

  @Override
  public String processDefinitionId() {
    return execution.getProcessDefinitionId();
  }

  @Override
  public String activityInstanceId() {
    return execution.getActivityInstanceId();
  }

  @Override
  public String businessKey() {
    return execution.getProcessBusinessKey();
  }

  @Override
  public Object variable(String name) {
    return execution.getVariable(name);
  }

  @Override
  public Object evaluate(String expression) {
    Expression compiled = expressions.get(expression);
    if (compiled == null) {
      throw new IllegalArgumentException("The expression '" + expression + "' was not compiled at deployment");
    }
    return compiled.getValue(execution);
  }

  @Override
  public Connection connection() {
    // the engine's own connection: in a Spring-managed engine it is the Spring transaction's too
    return Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
  }
}
