package org.dndguard.engine.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.dndguard.contact.Channel;
import org.dndguard.contact.internal.ContactIds;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.internal.LimitBreach;
import org.dndguard.contact.TopicEntry;
import org.dndguard.contact.internal.Topics;
import org.dndguard.engine.DndGuardException;
import org.dndguard.engine.OnBlocked;
import org.dndguard.engine.QuietHoursMode;
import org.dndguard.engine.SkipRecord;
import org.dndguard.engine.StepOutcome;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.internal.ContactTimeZones;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.DndService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check that runs when a communication step executes: it resolves the channel and the
 * contact, reads the contact's DND with one query (never cached, so an opt-out counts at once on
 * every node), and decides whether the step runs. A held-back step gets a skip record in the
 * step's own transaction, written with the engine command's flush. Anything that keeps it from deciding makes the step fail: DND Guard
 * fails closed.
 */
public class StepGuard {

  private static final Logger LOG = LoggerFactory.getLogger(StepGuard.class);

  private final DndService dnd;
  private final GuardMetrics metrics;
  private final String contactVariable;
  private final Clock clock;
  private final ContactTimeZones quietHours;
  private final CommunicationCounts counts;
  private final boolean countExempt;

  /**
   * A guard without quiet hours or limits.
   *
   * @param contactVariable the process variable holding the contact id when a step has no
   *     {@code dnd.contact}; without it, the business key is the contact id
   */
  public StepGuard(DndService dnd, GuardMetrics metrics, String contactVariable, Clock clock) {
    this(dnd, metrics, contactVariable, clock, null, null, false);
  }

  /**
   * @param contactVariable the process variable holding the contact id when a step has no
   *     {@code dnd.contact}; without it, the business key is the contact id
   * @param quietHours the channels' windows and the contacts' time zones; null for no quiet hours
   * @param counts the communication counts and limit rules; null to count nothing and limit nothing
   * @param countExempt whether a step marked {@code dnd.limit=exempt} counts against the limits
   *     of the steps that are not ({@code dnd.limits.count-exempt})
   */
  public StepGuard(DndService dnd, GuardMetrics metrics, String contactVariable, Clock clock,
      ContactTimeZones quietHours, CommunicationCounts counts, boolean countExempt) {
    this.quietHours = quietHours;
    this.counts = counts;
    this.countExempt = countExempt;
    this.dnd = Objects.requireNonNull(dnd, "dnd");
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
   * Decides whether the step runs. A skipped or routed step hands its skip record to the context
   * ({@link StepContext#recordSkip}), which writes it in the engine command's transaction.
   *
   * @throws DndGuardException when the step cannot be checked; its message names the step and
   *     what was wrong
   */
  public Verdict check(StepMark step, StepContext context) {
    Channel channel = step.channel();
    try {
      channel = channel(step, context);
      String contactId = contactId(step, context);
      Optional<DndEntry> blocking = record(step, contactId).blockingEntry(channel);
      StepOutcome blocked = step.onBlocked() == OnBlocked.SKIP ? StepOutcome.SKIPPED : StepOutcome.ROUTED;
      Verdict verdict;
      if (blocking.isPresent()) {
        verdict = new Verdict(blocked, channel, contactId, blocking.get());
      } else {
        verdict = topicOrQuietHours(step, context, channel, contactId, blocked);
      }
      if (verdict.outcome() == StepOutcome.RAN) {
        verdict = limits(step, context, channel, contactId);
      }
      if (verdict.outcome() == StepOutcome.RAN) {
        metrics.count(channel, StepOutcome.RAN);
        return verdict;
      }
      StepOutcome outcome = verdict.outcome();
      writeSkipRecord(step, context, verdict);
      if (verdict.limited() != null) {
        metrics.held(verdict.limited().rule().name());
      }
      metrics.count(channel, outcome);
      if (LOG.isDebugEnabled()) {
        // the arguments are built strings, so build them only when they are logged
        LOG.debug("{} {}: {}", outcome == StepOutcome.SKIPPED ? "Skipped"
            : outcome == StepOutcome.DEFERRED ? "Deferred"
            : verdict.limited() != null ? "Routed DND_LIMITED from" : "Routed DND_BLOCKED from",
            step.describe(), verdict.explanation());
      }
      return verdict;
    } catch (DndGuardException e) {
      metrics.count(channel, StepOutcome.FAILED);
      throw e;
    }
  }

  /**
   * The checks after DND: a step about a topic is held back when the contact left the topic; a
   * step due in its channel's quiet hours is deferred, skipped or run, as {@code dnd.quietHours} says.
   */
  private Verdict topicOrQuietHours(StepMark step, StepContext context, Channel channel, String contactId,
      StepOutcome blocked) {
    String topic = topic(step, context);
    if (topic != null) {
      Optional<TopicEntry> left = read(step, contactId, () -> dnd.leftTopic(contactId, topic));
      if (left.isPresent()) {
        return new Verdict(blocked, channel, contactId, null, left.get(), null);
      }
    }
    if (quietHours == null || step.quietHours() == QuietHoursMode.IGNORE) {
      return new Verdict(StepOutcome.RAN, channel, contactId, null);
    }
    Optional<Instant> opens;
    try {
      opens = read(step, contactId, () -> quietHours.heldUntil(contactId, channel, clock.instant()));
    } catch (InvalidDndInputException e) {
      throw fail(step, e.getMessage());
    }
    if (opens.isEmpty()) {
      return new Verdict(StepOutcome.RAN, channel, contactId, null);
    }
    StepOutcome outcome = step.quietHours() == QuietHoursMode.DEFER ? StepOutcome.DEFERRED : StepOutcome.SKIPPED;
    return new Verdict(outcome, channel, contactId, null, null, opens.get());
  }

  /**
   * The last check: the step takes a place in the contact's communication limits, or a full rule
   * holds it back as {@code dnd.onLimited} says. The check and the count are one atomic step on the
   * engine command's connection; the count commits with the step.
   */
  private Verdict limits(StepMark step, StepContext context, Channel channel, String contactId) {
    if (counts == null || step.limitExempt() && !countExempt) {
      return new Verdict(StepOutcome.RAN, channel, contactId, null);
    }
    String topic = topic(step, context);
    Optional<LimitBreach> breach;
    try {
      breach = counts.take(context.connection(), contactId, channel, topic, CommunicationCounts.Kind.STEP,
          context.activityInstanceId(), clock.instant(), !step.limitExempt());
    } catch (ContactNotFoundException e) {
      throw fail(step, e.getMessage());
    } catch (InvalidDndInputException e) {
      throw fail(step, e.getMessage());
    } catch (SQLException | RuntimeException e) {
      throw new DndGuardException(prefix(step) + "the communication counts could not be read for contact "
          + contactId + " (" + e.getMessage() + "); the step runs once they can", e);
    }
    if (breach.isEmpty()) {
      return new Verdict(StepOutcome.RAN, channel, contactId, null);
    }
    StepOutcome outcome = switch (step.onLimited()) {
      case DEFER -> StepOutcome.DEFERRED;
      case SKIP -> StepOutcome.SKIPPED;
      case ERROR -> StepOutcome.ROUTED;
    };
    return Verdict.limited(outcome, channel, contactId, breach.get());
  }

  private String topic(StepMark step, StepContext context) {
    if (step.topicValue() == null) {
      return null;
    }
    if (!step.hasTopicExpression()) {
      return step.topicValue();
    }
    Object value = evaluate(step, context, StepMark.TOPIC, step.topicValue());
    if (value == null) {
      // an expression that gives no topic: the step is about none (e.g. ${topic} for a transactional message)
      return null;
    }
    if (!Topics.isValid(value.toString())) {
      throw fail(step, StepMark.TOPIC + " '" + step.topicValue() + "' evaluated to '" + value + "', which is"
          + " not a topic name; it must give lower case letters, digits and dashes, e.g. newsletter");
    }
    return value.toString();
  }

  private <T> T read(StepMark step, String contactId, Supplier<T> query) {
    try {
      return query.get();
    } catch (ContactNotFoundException e) {
      throw fail(step, e.getMessage());
    } catch (InvalidDndInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DndGuardException(prefix(step) + "the DND store could not answer for contact " + contactId + " ("
          + e.getMessage() + "); the step runs once it answers", e);
    }
  }

  private Channel channel(StepMark step, StepContext context) {
    if (!step.hasChannelExpression()) {
      return step.channel();
    }
    Object value = evaluate(step, context, StepMark.CHANNEL, step.channelValue());
    if (value instanceof Channel channel) {
      return channel;
    }
    if (value == null) {
      throw fail(step, StepMark.CHANNEL + " '" + step.channelValue() + "' evaluated to null; it must give one of "
          + Channel.validNames());
    }
    try {
      return Channel.parse(value.toString());
    } catch (InvalidDndInputException e) {
      throw fail(step, StepMark.CHANNEL + " '" + step.channelValue() + "' evaluated to '" + value
          + "', which is not a channel; it must give one of " + Channel.validNames());
    }
  }

  private String contactId(StepMark step, StepContext context) {
    Object value;
    String source;
    if (step.contactExpression() != null) {
      source = StepMark.CONTACT + " '" + step.contactExpression() + "'";
      value = evaluate(step, context, StepMark.CONTACT, step.contactExpression());
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
              + " business key, or name the contact with " + StepMark.CONTACT);
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

  private DndRecord record(StepMark step, String contactId) {
    try {
      return dnd.findRecord(contactId).orElseThrow(() -> new ContactNotFoundException(contactId));
    } catch (ContactNotFoundException e) {
      throw fail(step, e.getMessage());
    } catch (RuntimeException e) {
      throw new DndGuardException(prefix(step) + "the DND store could not answer for contact " + contactId + " ("
          + e.getMessage() + "); the step runs once it answers", e);
    }
  }

  private Object evaluate(StepMark step, StepContext context, String property, String expression) {
    try {
      return context.evaluate(expression);
    } catch (RuntimeException e) {
      throw new DndGuardException(prefix(step) + property + " '" + expression + "' could not be evaluated: "
          + e.getMessage(), e);
    }
  }

  private void writeSkipRecord(StepMark step, StepContext context, Verdict verdict) {
    DndEntry entry = verdict.blockedBy();
    TopicEntry topic = verdict.leftTopic();
    SkipRecord record = new SkipRecord(null, context.processInstanceId(), context.processDefinitionId(),
        step.activityId(), context.activityInstanceId(), verdict.channel(), verdict.contactId(), verdict.outcome(),
        entry == null ? null : entry.target(),
        entry != null ? entry.reason() : topic != null ? topic.reason() : null,
        entry != null ? entry.since() : topic != null ? topic.since() : null,
        verdict.explanation(), clock.instant(), topic == null ? null : topic.topic(),
        verdict.outcome() == StepOutcome.DEFERRED ? verdict.windowOpens() : null,
        verdict.limited() == null ? null : verdict.limited().rule().name());
    try {
      context.recordSkip(record);
    } catch (RuntimeException e) {
      // without its record a skip could not be shown to anyone, so the step fails instead
      throw new DndGuardException(prefix(step) + "the skip record could not be written (" + e.getMessage() + ")",
          e);
    }
  }

  private static DndGuardException fail(StepMark step, String problem) {
    return new DndGuardException(prefix(step) + problem);
  }

  private static String prefix(StepMark step) {
    return "DND Guard could not check " + step.describe() + ", so it did not run: ";
  }
}
