package org.dndguard.engine;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactIds;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.DndService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check that runs when a communication step executes: it resolves the channel and the
 * contact, reads the contact's DND with one query (never cached, so an opt-out counts at once on
 * every node), and decides whether the step runs. A held-back step gets a skip record in the
 * step's own transaction. Anything that keeps it from deciding makes the step fail: DND Guard
 * fails closed.
 */
public class StepGuard {

  private static final Logger LOG = LoggerFactory.getLogger(StepGuard.class);

  private final DndService dnd;
  private final SkipRecords skipRecords;
  private final GuardMetrics metrics;
  private final String contactVariable;
  private final Clock clock;

  /**
   * @param contactVariable the process variable holding the contact id when a step has no
   *     {@code dnd.contact}; without it, the business key is the contact id
   */
  public StepGuard(DndService dnd, SkipRecords skipRecords, GuardMetrics metrics, String contactVariable,
      Clock clock) {
    this.dnd = Objects.requireNonNull(dnd, "dnd");
    this.skipRecords = Objects.requireNonNull(skipRecords, "skipRecords");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    if (contactVariable == null || contactVariable.isBlank()) {
      throw new IllegalArgumentException("The contact variable name is blank; set dnd.contact-variable to the"
          + " process variable that holds the contact id, e.g. contactId");
    }
    this.contactVariable = contactVariable.trim();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The process variable that holds a workflow's contact id. */
  public String contactVariable() {
    return contactVariable;
  }

  /**
   * Decides whether the step runs. A skipped or routed step has its skip record written on the
   * context's connection before this returns.
   *
   * @throws DndGuardException when the step cannot be checked; its message names the step and
   *     what was wrong
   */
  public Verdict check(GuardedStep step, StepContext context) {
    Channel channel = step.channel();
    try {
      channel = channel(step, context);
      String contactId = contactId(step, context);
      Optional<DndEntry> blocking = record(step, contactId).blockingEntry(channel);
      if (blocking.isEmpty()) {
        metrics.count(channel, StepOutcome.RAN);
        return new Verdict(StepOutcome.RAN, channel, contactId, null);
      }
      StepOutcome outcome = step.onBlocked() == OnBlocked.SKIP ? StepOutcome.SKIPPED : StepOutcome.ROUTED;
      Verdict verdict = new Verdict(outcome, channel, contactId, blocking.get());
      writeSkipRecord(step, context, verdict);
      metrics.count(channel, outcome);
      if (LOG.isDebugEnabled()) {
        // the arguments are built strings, so build them only when they are logged
        LOG.debug("{} {}: {}", outcome == StepOutcome.SKIPPED ? "Skipped" : "Routed DND_BLOCKED from",
            step.describe(), verdict.explanation());
      }
      return verdict;
    } catch (DndGuardException e) {
      metrics.count(channel, StepOutcome.FAILED);
      throw e;
    }
  }

  private Channel channel(GuardedStep step, StepContext context) {
    if (!step.hasChannelExpression()) {
      return step.channel();
    }
    Object value = evaluate(step, context, GuardedStep.CHANNEL, step.channelValue());
    if (value instanceof Channel channel) {
      return channel;
    }
    if (value == null) {
      throw fail(step, GuardedStep.CHANNEL + " '" + step.channelValue() + "' evaluated to null; it must give one of "
          + Channel.validNames());
    }
    try {
      return Channel.parse(value.toString());
    } catch (InvalidDndInputException e) {
      throw fail(step, GuardedStep.CHANNEL + " '" + step.channelValue() + "' evaluated to '" + value
          + "', which is not a channel; it must give one of " + Channel.validNames());
    }
  }

  private String contactId(GuardedStep step, StepContext context) {
    Object value;
    String source;
    if (step.contactExpression() != null) {
      source = GuardedStep.CONTACT + " '" + step.contactExpression() + "'";
      value = evaluate(step, context, GuardedStep.CONTACT, step.contactExpression());
      if (value == null) {
        throw fail(step, "no contact id: " + source + " evaluated to null");
      }
    } else {
      value = context.variable(contactVariable);
      source = "the variable '" + contactVariable + "'";
      if (value == null) {
        value = context.businessKey();
        source = "the business key";
        if (value == null || value.toString().isBlank()) {
          throw fail(step, "no contact id: the variable '" + contactVariable + "' is not set and the process"
              + " instance has no business key; set the variable, start the instance with the contact id as"
              + " business key, or name the contact with " + GuardedStep.CONTACT);
        }
      }
    }
    if (!(value instanceof CharSequence) && !(value instanceof Number)) {
      throw fail(step, source + " is a " + value.getClass().getName() + ", not a contact id; give a string"
          + " such as c-42");
    }
    try {
      return ContactIds.require(value.toString());
    } catch (InvalidDndInputException e) {
      throw fail(step, source + " is not a usable contact id: " + e.getMessage());
    }
  }

  private DndRecord record(GuardedStep step, String contactId) {
    try {
      return dnd.findRecord(contactId).orElseThrow(() -> new ContactNotFoundException(contactId));
    } catch (ContactNotFoundException e) {
      throw fail(step, e.getMessage());
    } catch (RuntimeException e) {
      throw new DndGuardException(prefix(step) + "the DND store could not answer for contact " + contactId + " ("
          + e.getMessage() + "); the step runs once it answers", e);
    }
  }

  private Object evaluate(GuardedStep step, StepContext context, String property, String expression) {
    try {
      return context.evaluate(expression);
    } catch (RuntimeException e) {
      throw new DndGuardException(prefix(step) + property + " '" + expression + "' could not be evaluated: "
          + e.getMessage(), e);
    }
  }

  private void writeSkipRecord(GuardedStep step, StepContext context, Verdict verdict) {
    DndEntry entry = verdict.blockedBy();
    SkipRecord record = new SkipRecord(null, context.processInstanceId(), context.processDefinitionId(),
        step.activityId(), context.activityInstanceId(), verdict.channel(), verdict.contactId(), verdict.outcome(),
        entry.target(), entry.reason(), entry.since(), verdict.explanation(), clock.instant());
    try {
      skipRecords.append(context.connection(), record);
    } catch (Exception e) {
      // without its record a skip could not be shown to anyone, so the step fails instead
      throw new DndGuardException(prefix(step) + "the skip record could not be written (" + e.getMessage() + ")",
          e);
    }
  }

  private static DndGuardException fail(GuardedStep step, String problem) {
    return new DndGuardException(prefix(step) + problem);
  }

  private static String prefix(GuardedStep step) {
    return "DND Guard could not check " + step.describe() + ", so it did not run: ";
  }
}
