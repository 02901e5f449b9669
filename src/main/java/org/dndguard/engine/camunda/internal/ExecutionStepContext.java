package org.dndguard.engine.camunda.internal;

import java.sql.Connection;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.dndguard.engine.internal.StepContext;
import org.dndguard.engine.SkipRecord;

/**
 * A running step as the guard sees it, read from the engine's execution: its ids when the step
 * starts, the rest (business key, variables, expressions, connection) when the guard asks.
 */
record ExecutionStepContext(ActivityExecution execution, Map<String, Expression> expressions,
    String processInstanceId, String processDefinitionId, String activityInstanceId) implements StepContext {

  ExecutionStepContext(ActivityExecution execution, Map<String, Expression> expressions) {
    this(execution, expressions, execution.getProcessInstanceId(), execution.getProcessDefinitionId(),
        execution.getActivityInstanceId());
  }

  @Override
  public String businessKey() {
    // read only when asked: the process instance of a job's execution may not be loaded yet
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

  @Override
  public void recordSkip(SkipRecord record) {
    Context.getCommandContext().getSession(PendingSkipRecords.class).add(record);
  }
}
