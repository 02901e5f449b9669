package org.dndguard.provider.internal;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.dndguard.contact.Source;
import org.dndguard.engine.internal.Delivery;
import org.dndguard.engine.internal.JsonDeliveryHandler;
import org.dndguard.engine.DeliveryQueue;

/**
 * Hands a contact's inbound text to the workflow instances waiting for it: the BPMN message
 * {@value #MESSAGE_NAME}, with the variables {@code from}, {@code body} and {@code contactId}.
 *
 * <p>Durably: the webhook records a {@value #KIND} delivery ({@link #schedule}) in the transaction
 * that claims the text, so a text that was answered 200 reaches its workflows even when the node
 * stops right after. The delivery runs in a job: it finds the recipients' instances that wait for
 * the text; one is handed the text right there, several get a job each, so that an instance whose
 * next step fails (an engine error, the guard failing closed, a delegate's exception) does not keep
 * the text from the others or make them take it twice. A failing job is tried again with a back-off
 * and becomes an incident when it keeps failing; the provider event's outcome says where the text went.
 */
public class InboundSmsCorrelator extends JsonDeliveryHandler<InboundSmsCorrelator.Payload> {

  public static final String MESSAGE_NAME = "InboundSms";
  /** The kind of DND Guard's delivery job that carries an inbound text. */
  public static final String KIND = "inbound-sms";

  private final RuntimeService runtimeService;
  private final ContactProcessInstances contactInstances;
  private final ProviderEventLog log;

  /**
   * The process instances of a contact, e.g. from DND Guard's indexed contact-to-instance table;
   * the correlator hands the text to those of them that wait for it.
   */
  @FunctionalInterface
  public interface ContactProcessInstances {
    List<String> of(String contactId);
  }

  /**
   * @param deliveries where the deliveries are recorded
   * @param log the provider event log, whose event for the text gets the delivery's outcome
   */
  public InboundSmsCorrelator(RuntimeService runtimeService, ContactProcessInstances contactInstances,
      DeliveryQueue deliveries, ProviderEventLog log) {
    super(KIND, Payload.class, "an " + KIND + " delivery", deliveries);
    this.runtimeService = runtimeService;
    this.contactInstances = contactInstances;
    this.log = log;
  }

  /**
   * Finds a contact's instances by the process variable that holds its id
   * ({@code dnd.contact-variable}): a query on variables, for engines without the contact index.
   */
  public static InboundSmsCorrelator byVariable(RuntimeService runtimeService, String contactVariable,
      DeliveryQueue deliveries, ProviderEventLog log) {
    return new InboundSmsCorrelator(runtimeService, contactId -> runtimeService.createExecutionQuery()
        .messageEventSubscriptionName(MESSAGE_NAME)
        .processVariableValueEquals(contactVariable, contactId)
        .list().stream()
        .map(Execution::getProcessInstanceId)
        .distinct()
        .toList(), deliveries, log);
  }

  /**
   * One inbound text on its way. {@code instance} names the one process instance of a fanned-out
   * delivery, with its contact in {@code contacts}.
   */
  record Payload(String sid, String from, String body, List<String> contacts, String instance) {
  }

  /**
   * Records the text's delivery to the contacts' waiting instances, in the caller's transaction (the
   * one that claims the text).
   */
  public void schedule(String sid, String from, String body, List<String> contactIds) {
    Payload payload = new Payload(sid, from, body, List.copyOf(contactIds), null);
    // a job keeps a few thousand characters; Twilio's texts (at most 1,600) fit, escaped or not, but a
    // longer one is cut rather than lost
    for (int cut = 0; cut < 20 && write(payload).length() + KIND.length() + 1 > Delivery.MAX_PAYLOAD_LENGTH; cut++) {
      String text = payload.body();
      payload = new Payload(sid, from, text.substring(0, text.length() * 3 / 4) + "\u2026", payload.contacts(), null);
    }
    scheduleDelivery(payload, null);
  }

  @Override
  protected void deliver(Payload payload) {
    if (payload.instance() != null) {
      deliverTo(payload.instance(), payload.contacts().get(0), payload);
      return;
    }
    List<Target> targets = new ArrayList<>();
    for (String contactId : payload.contacts()) {
      for (String processInstanceId : instancesWaitingForInboundSms(contactId)) {
        targets.add(new Target(contactId, processInstanceId));
      }
    }
    String detail = "contacts " + payload.contacts() + "; process instances "
        + targets.stream().map(Target::processInstanceId).toList();
    if (targets.isEmpty()) {
      log.complete(Source.TWILIO, "sms:" + payload.sid(), ProviderOutcome.NO_WAITING_WORKFLOW, detail);
    } else if (targets.size() == 1) {
      boolean deferred = deliverTo(targets.get(0).processInstanceId(), targets.get(0).contactId(), payload);
      log.complete(Source.TWILIO, "sms:" + payload.sid(), ProviderOutcome.CORRELATED,
          deferred ? detail + " (suspended: delivered when it is activated)" : detail);
    } else {
      for (Target target : targets) {
        scheduleDelivery(new Payload(payload.sid(), payload.from(), payload.body(), List.of(target.contactId()),
            target.processInstanceId()), target.processInstanceId());
      }
      log.complete(Source.TWILIO, "sms:" + payload.sid(), ProviderOutcome.CORRELATED,
          detail + " (each in a delivery job of its own)");
    }
  }

  private record Target(String contactId, String processInstanceId) {
  }

  /**
   * Correlates the text to the instance, or, while an operator has the instance suspended (Camunda
   * correlates nothing to it), leaves it to a delivery of its own that waits with the instance's jobs
   * and runs when the instance is activated: the contact's reply is not lost to a pause.
   *
   * @return whether the text waits for the instance's activation
   */
  private boolean deliverTo(String processInstanceId, String contactId, Payload payload) {
    if (!waitsForInboundSms(processInstanceId)) {
      // ended or moved on since: nothing waits for the text there any more
      return false;
    }
    boolean suspended = runtimeService.createProcessInstanceQuery()
        .processInstanceId(processInstanceId)
        .suspended()
        .count() > 0;
    if (suspended) {
      scheduleDelivery(new Payload(payload.sid(), payload.from(), payload.body(), List.of(contactId),
          processInstanceId), processInstanceId);
      return true;
    }
    runtimeService.createMessageCorrelation(MESSAGE_NAME)
        .processInstanceId(processInstanceId)
        .setVariable("from", payload.from())
        .setVariable("body", payload.body())
        .setVariable("contactId", contactId)
        .correlateAllWithResult();
    return false;
  }

  /** The contact's process instances that wait for {@value #MESSAGE_NAME} now, suspended or not, in id order. */
  List<String> instancesWaitingForInboundSms(String contactId) {
    return contactInstances.of(contactId).stream()
        .distinct()
        .filter(this::waitsForInboundSms)
        .sorted()
        .toList();
  }

  /** Whether the instance waits for the message, suspended or not. */
  private boolean waitsForInboundSms(String processInstanceId) {
    return runtimeService.createExecutionQuery()
        .processInstanceId(processInstanceId)
        .messageEventSubscriptionName(MESSAGE_NAME)
        .count() > 0;
  }
}
