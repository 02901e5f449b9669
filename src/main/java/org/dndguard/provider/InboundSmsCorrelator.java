package org.dndguard.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands a contact's inbound text to the workflow instances waiting for it: the BPMN message
 * {@value #MESSAGE_NAME}, with the variables {@code from}, {@code body} and {@code contactId}.
 */
public class InboundSmsCorrelator {

  public static final String MESSAGE_NAME = "InboundSms";

  private static final Logger LOG = LoggerFactory.getLogger(InboundSmsCorrelator.class);
  /** How often one instance's correlation is tried when it keeps meeting concurrent changes. */
  static final int ATTEMPTS = 10;

  private final RuntimeService runtimeService;
  private final ContactProcessInstances contactInstances;
  private final TransactionTemplate ownTransaction;

  /**
   * The process instances of a contact, e.g. from DND Guard's indexed contact-to-instance table;
   * the correlator hands the text to those of them that wait for it.
   */
  @FunctionalInterface
  public interface ContactProcessInstances {
    List<String> of(String contactId);
  }

  /**
   * A correlator whose correlations are each the engine's own command transaction: one of their
   * own as long as the caller has none.
   */
  public InboundSmsCorrelator(RuntimeService runtimeService, ContactProcessInstances contactInstances) {
    this(runtimeService, contactInstances, null);
  }

  /**
   * A correlator that hands the text to each instance in a new transaction of the engine's
   * transaction manager, so that one instance's failure rolls back only its own step, also when
   * the caller has a transaction.
   *
   * @param transactions the engine's transaction manager, or null for the engine's own command transactions
   */
  public InboundSmsCorrelator(RuntimeService runtimeService, ContactProcessInstances contactInstances,
      PlatformTransactionManager transactions) {
    this.runtimeService = runtimeService;
    this.contactInstances = contactInstances;
    if (transactions == null) {
      this.ownTransaction = null;
    } else {
      this.ownTransaction = new TransactionTemplate(transactions);
      this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }
  }

  /**
   * Finds a contact's instances by the process variable that holds its id
   * ({@code dnd.contact-variable}): a query on variables, for engines without the contact index.
   */
  public static InboundSmsCorrelator byVariable(RuntimeService runtimeService, String contactVariable) {
    return byVariable(runtimeService, contactVariable, null);
  }

  /**
   * As {@link #byVariable(RuntimeService, String)}, each instance in a new transaction of the
   * engine's transaction manager.
   */
  public static InboundSmsCorrelator byVariable(RuntimeService runtimeService, String contactVariable,
      PlatformTransactionManager transactions) {
    return new InboundSmsCorrelator(runtimeService, contactId -> runtimeService.createExecutionQuery()
        .messageEventSubscriptionName(MESSAGE_NAME)
        .processVariableValueEquals(contactVariable, contactId)
        .list().stream()
        .map(Execution::getProcessInstanceId)
        .distinct()
        .toList(), transactions);
  }

  /** What a correlation reached. */
  public record Result(List<String> correlated, List<String> failed) {

    public boolean reachedAny() {
      return !correlated.isEmpty();
    }
  }

  /**
   * Correlates the text to every instance of the contact that waits for it. Each instance gets it
   * in a transaction of its own, so an instance whose next step fails, however it fails (an engine
   * error, the guard failing closed, a delegate's exception), does not keep the text from the
   * others; its failure is logged and reported, and its step rolls back to the wait. A correlation
   * that meets a concurrent change of the instance (a job of it running on this or another node) is
   * tried again, so that the text is not lost to a busy instance.
   */
  public Result correlate(String contactId, String from, String body) {
    List<String> correlated = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String processInstanceId : instancesWaitingForInboundSms(contactId)) {
      for (int attempt = 1; ; attempt++) {
        try {
          if (correlateOne(processInstanceId, contactId, from, body)) {
            correlated.add(processInstanceId);
          }
          break;
        } catch (RuntimeException e) {
          if (e instanceof ProcessEngineException engineError && isConflict(engineError) && attempt < ATTEMPTS
              && pause(attempt)) {
            continue;
          }
          LOG.warn("Inbound SMS from contact {} could not be handed to process instance {}: {}", contactId,
              processInstanceId, e.getMessage(), e);
          failed.add(processInstanceId);
          break;
        }
      }
    }
    return new Result(List.copyOf(correlated), List.copyOf(failed));
  }

  private boolean correlateOne(String processInstanceId, String contactId, String from, String body) {
    if (ownTransaction == null) {
      return correlateInCurrentTransaction(processInstanceId, contactId, from, body);
    }
    return Boolean.TRUE.equals(ownTransaction.execute(
        tx -> correlateInCurrentTransaction(processInstanceId, contactId, from, body)));
  }

  private boolean correlateInCurrentTransaction(String processInstanceId, String contactId, String from,
      String body) {
    List<MessageCorrelationResult> results = runtimeService.createMessageCorrelation(MESSAGE_NAME)
        .processInstanceId(processInstanceId)
        .setVariable("from", from)
        .setVariable("body", body)
        .setVariable("contactId", contactId)
        .correlateAllWithResult();
    return !results.isEmpty();
  }

  /** An optimistic locking conflict, or a deadlock the database broke: the instance changed meanwhile. */
  private static boolean isConflict(ProcessEngineException e) {
    return e instanceof OptimisticLockingException || e.getCode() == BuiltinExceptionCode.DEADLOCK.getCode();
  }

  /**
   * Waits before the next attempt, longer after each, at random within bounds so that the correlation
   * and the job it met do not meet again; false when interrupted, and then there is no next attempt.
   */
  private static boolean pause(int attempt) {
    long ceiling = Math.min(500, 20L << Math.min(attempt, 5));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The contact's process instances that wait for {@value #MESSAGE_NAME} now, in id order. */
  List<String> instancesWaitingForInboundSms(String contactId) {
    return contactInstances.of(contactId).stream()
        .distinct()
        .filter(processInstanceId -> runtimeService.createExecutionQuery()
            .processInstanceId(processInstanceId)
            .messageEventSubscriptionName(MESSAGE_NAME)
            // a suspended instance cannot take the message now; correlating it would only fail
            .active()
            .count() > 0)
        .sorted()
        .toList();
  }
}
