package org.dndguard.provider;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a contact's inbound text to the workflow instances waiting for it: the BPMN message
 * {@value #MESSAGE_NAME}, with the variables {@code from}, {@code body} and {@code contactId}.
 */
public class InboundSmsCorrelator {

  public static final String MESSAGE_NAME = "InboundSms";

  private static final Logger LOG = LoggerFactory.getLogger(InboundSmsCorrelator.class);

  private final RuntimeService runtimeService;
  private final String contactVariable;

  /**
   * @param contactVariable the process variable that holds a workflow's contact id
   *     ({@code dnd.contact-variable})
   */
  public InboundSmsCorrelator(RuntimeService runtimeService, String contactVariable) {
    this.runtimeService = runtimeService;
    this.contactVariable = contactVariable;
  }

  /** What a correlation reached. */
  public record Result(List<String> correlated, List<String> failed) {

    public boolean reachedAny() {
      return !correlated.isEmpty();
    }
  }

  /**
   * Correlates the text to every instance of the contact that waits for it. Each instance gets it
   * in a transaction of its own, so an instance whose next step fails does not keep the text from
   * the others; its failure is logged and reported.
   */
  public Result correlate(String contactId, String from, String body) {
    List<String> correlated = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String processInstanceId : instancesWaitingForInboundSms(contactId)) {
      try {
        List<MessageCorrelationResult> results = runtimeService.createMessageCorrelation(MESSAGE_NAME)
            .processInstanceId(processInstanceId)
            .setVariable("from", from)
            .setVariable("body", body)
            .setVariable("contactId", contactId)
            .correlateAllWithResult();
        if (!results.isEmpty()) {
          correlated.add(processInstanceId);
        }
      } catch (ProcessEngineException e) {
        LOG.warn("Inbound SMS from contact {} could not be handed to process instance {}: {}", contactId,
            processInstanceId, e.getMessage(), e);
        failed.add(processInstanceId);
      }
    }
    return new Result(List.copyOf(correlated), List.copyOf(failed));
  }

  /**
   * The contact's process instances that wait for {@value #MESSAGE_NAME}: those whose contact
   * variable holds the contact id. The one place that finds them, so that it can move to an
   * indexed contact-to-instance table without touching the rest.
   */
  List<String> instancesWaitingForInboundSms(String contactId) {
    return runtimeService.createExecutionQuery()
        .messageEventSubscriptionName(MESSAGE_NAME)
        .processVariableValueEquals(contactVariable, contactId)
        // a suspended instance cannot take the message now; correlating it would only fail
        .active()
        .list().stream()
        .map(Execution::getProcessInstanceId)
        .distinct()
        .sorted()
        .toList();
  }
}
