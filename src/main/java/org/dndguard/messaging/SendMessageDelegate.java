package org.dndguard.messaging;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.dndguard.contact.Channel;
import org.dndguard.engine.internal.StepMark;

/**
 * A communication step's work: {@code ${sendSms}}, {@code ${sendEmail}}, {@code ${sendWhatsApp}},
 * {@code ${sendFacebook}} and {@code ${sendGmb}} are beans of this class, one per channel. It
 * queues the message in the outbox, in the step's transaction: a step that rolls back queues
 * nothing.
 *
 * <p>The contact is the one the DND guard checked for a guarded step (so {@code dnd.contact} is
 * honoured), else the process variable named by {@code dnd.contact-variable} (default
 * {@code contactId}), else the business key; the recipient is the contact's address for the
 * channel. The body is the variable (or input parameter) {@value #BODY}, the subject (e-mail)
 * {@value #SUBJECT}. An unknown contact, a missing address or an empty body fails the step.
 *
 * <p>Communication limits: a message a guarded step queues is marked {@link MessageLimit#STEP}
 * (the step took its place when it ran, so the message is not counted or held again); one from a
 * step DND Guard does not guard is counted and held at dispatch, unless the step is marked
 * transactional with {@code dnd.limit=exempt} (an extension property or an input parameter).
 */
public class SendMessageDelegate implements JavaDelegate {

  /** The variable or input parameter that holds the message body. */
  public static final String BODY = "body";
  /** The variable or input parameter that holds the subject (e-mail). */
  public static final String SUBJECT = "subject";

  private final Channel channel;
  private final Outbox outbox;
  private final String contactVariable;

  public SendMessageDelegate(Channel channel, Outbox outbox, String contactVariable) {
    this.channel = Outbox.requireMessageChannel(channel);
    this.outbox = outbox;
    this.contactVariable = contactVariable;
  }

  public Channel channel() {
    return channel;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String contactId = contactId(execution);
    String subject = text(execution, SUBJECT);
    String body = text(execution, BODY);
    try {
      MessageRequest request = MessageRequest.fromWorkflow(contactId, channel, subject, body,
          execution.getProcessInstanceId(), execution.getCurrentActivityId())
          .withTopic(localText(execution, StepMark.CHECKED_TOPIC_VARIABLE))
          .withLimit(limit(execution));
      outbox.queue("ignore".equals(localText(execution, StepMark.QUIET_HOURS_VARIABLE)) ? request.ignoringQuietHours() : request);
    } catch (RuntimeException e) {
      throw new MessageNotQueuedException(where(execution) + " could not queue its " + channel + " message for contact "
          + contactId + ": " + e.getMessage(), e);
    }
  }

  private static MessageLimit limit(DelegateExecution execution) {
    if (localText(execution, StepMark.CHECKED_CONTACT_VARIABLE) != null) {
      // the guard checked the step and took its place (or let an exempt step through): count once
      return MessageLimit.STEP;
    }
    String mark = localText(execution, StepMark.LIMIT);
    if (mark == null) {
      mark = property(execution, StepMark.LIMIT);
    }
    if (mark == null || mark.isBlank()) {
      return MessageLimit.LIMITED;
    }
    if (!StepMark.EXEMPT.equalsIgnoreCase(mark.trim())) {
      throw new MessageNotQueuedException(where(execution) + " has " + StepMark.LIMIT + " '" + mark + "', which is"
          + " not known; use exempt for a transactional message that no communication limit holds back, or remove"
          + " it", null);
    }
    return MessageLimit.EXEMPT;
  }

  private static String property(DelegateExecution execution, String name) {
    var element = execution.getBpmnModelElementInstance();
    if (element == null || element.getExtensionElements() == null) {
      return null;
    }
    return element.getExtensionElements().getElementsQuery()
        .filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> name.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .findFirst().orElse(null);
  }

  private String contactId(DelegateExecution execution) {
    // a guarded step says which contact it checked (dnd.contact may name another than the variable)
    Object checked = execution.getVariableLocal(StepMark.CHECKED_CONTACT_VARIABLE);
    if (checked instanceof String id && !id.isBlank()) {
      return id;
    }
    Object variable = execution.getVariable(contactVariable);
    String id = variable == null ? execution.getProcessBusinessKey() : scalar(execution, contactVariable, variable);
    if (id == null || id.isBlank()) {
      throw new MessageNotQueuedException(where(execution) + " has no contact: set the process variable '"
          + contactVariable + "' to the contact id, or start the instance with the contact id as its business key",
          null);
    }
    return id;
  }

  private static String localText(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    return value instanceof String text && !text.isBlank() ? text : null;
  }

  private String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : scalar(execution, name, value);
  }

  private String scalar(DelegateExecution execution, String name, Object value) {
    if (value instanceof CharSequence || value instanceof Number) {
      return value.toString();
    }
    throw new MessageNotQueuedException(where(execution) + " could not queue its " + channel + " message: the"
        + " variable '" + name + "' is a " + value.getClass().getSimpleName() + "; it must be a string", null);
  }

  private static String where(DelegateExecution execution) {
    return "Step '" + execution.getCurrentActivityId() + "' of process instance " + execution.getProcessInstanceId();
  }
}
