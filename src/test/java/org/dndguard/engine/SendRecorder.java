package org.dndguard.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricVariableInstance;

/**
 * A working stand-in for a sending delegate: it "sends" by appending the step's id to the process
 * variable {@value #SENT}, so a test sees exactly which steps did their work, in order.
 */
public class SendRecorder implements JavaDelegate {

  public static final String SENT = "sent";

  /** A multi-instance step's element variable, recorded as {@code step@contact}. */
  public static final String ELEMENT_VARIABLE = "contact";

  @Override
  public void execute(DelegateExecution execution) {
    Object contact = execution.getVariableLocal(ELEMENT_VARIABLE);
    record(execution, execution.getCurrentActivityId() + (contact == null ? "" : "@" + contact));
  }

  /** Records a send by the step; also used from script and expression steps. */
  public static void record(DelegateExecution execution, String activityId) {
    Object before = execution.getVariable(SENT);
    execution.setVariable(SENT, before == null ? activityId : before + "," + activityId);
  }

  /** The steps that sent in the instance, in order, read from the history (the instance may have ended). */
  public static List<String> sent(HistoryService history, String processInstanceId) {
    HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(SENT).singleResult();
    if (variable == null || variable.getValue() == null) {
      return List.of();
    }
    return new ArrayList<>(Arrays.asList(variable.getValue().toString().split(",")));
  }
}
