package org.dndguard.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.dndguard.InternalApi;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.internal.LimitBreach;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.internal.DndRules;
import org.dndguard.contact.TopicEntry;
import org.dndguard.messaging.internal.DispatchOutcome;
import org.dndguard.messaging.internal.MessageDispatchers;
import org.dndguard.messaging.internal.OutboxRepository;
import org.dndguard.messaging.internal.OutboxSender;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dispatches the outbox: claims due messages in batches, checks DND at that moment and hands each
 * message that may go to its channel's dispatcher. Any number of workers, on any number of nodes,
 * may run at once: a batch is claimed in one short transaction that skips rows another run has
 * locked, and every later change names the claim, so each message is handed to a provider once.
 *
 * <p>A message whose channel is in DND when it is due is BLOCKED, never sent, whenever it was
 * queued. What the provider answers is recorded by {@link OutboxSender}: a failed attempt is tried
 * again, only when the provider certainly did not take it, after a backoff that doubles each time,
 * up to the most attempts; then, or when the provider refuses it for good, it is FAILED, with the
 * reason. One that may have gone out is UNKNOWN and never sent again automatically.
 *
 * <p>Communication limits: just before a message is handed to its provider, a short transaction
 * checks that the run still holds its claim and takes the message's place in the contact's
 * limits ({@link CommunicationCounts#take}), atomically; no lock is held across the provider call.
 * When a rule is full the message is held (never dropped) until the rule's next place frees. The
 * place stays taken when the provider accepted the message, when it may have (UNKNOWN) and when
 * log-only mode logged it; it is given back when the provider certainly did not take it (a retry,
 * FAILED, BLOCKED). Messages a guarded step queued are not counted again ({@link MessageLimit}).
 */
public class OutboxWorker {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

  /**
   * How dispatch runs.
   *
   * @param batchSize messages claimed at once
   * @param maxAttempts attempts before a message fails for good
   * @param backoff the wait after the first failed attempt; it doubles after each further one
   * @param maxBackoff the longest wait between attempts
   * @param claimTimeout how long a run may hold a message before another run recovers it
   */
  public record Settings(int batchSize, int maxAttempts, Duration backoff, Duration maxBackoff,
      Duration claimTimeout) {
  }

  /** A worker name for this JVM: its pid@host, short enough for the claim column. */
  public static String defaultWorkerName() {
    String name = ManagementFactory.getRuntimeMXBean().getName();
    return name.length() <= 24 ? name : name.substring(0, 24);
  }

  private final OutboxRepository repository;
  private final Outbox outbox;
  private final DndService dnd;
  private final ContactService contacts;
  private final OutboxSender sender;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Settings settings;
  private final String workerName;
  private final CommunicationCounts counts;
  private final boolean countExempt;
  private final MeterRegistry meters;
  private final ConcurrentMap<String, Counter> held = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  /**
   * @param workerName names this worker's claims, e.g. the host; it only helps people reading the table
   */
  @InternalApi
  public OutboxWorker(Outbox outbox, DndService dnd, ContactService contacts, MessageDispatchers dispatchers,
      PlatformTransactionManager transactions, Clock clock, Settings settings, String workerName) {
    this(outbox, dnd, contacts, dispatchers, transactions, clock, settings, workerName, null);
  }

  /**
   * @param workerName names this worker's claims, e.g. the host; it only helps people reading the table
   * @param meters where messages that end UNKNOWN are counted ({@code dnd.messages.unknown}); null for nowhere
   */
  @InternalApi
  public OutboxWorker(Outbox outbox, DndService dnd, ContactService contacts, MessageDispatchers dispatchers,
      PlatformTransactionManager transactions, Clock clock, Settings settings, String workerName,
      MeterRegistry meters) {
    this(outbox, dnd, contacts, dispatchers, transactions, clock, settings, workerName, meters, null, false);
  }

  /**
   * @param workerName names this worker's claims, e.g. the host; it only helps people reading the table
   * @param meters where messages that end UNKNOWN ({@code dnd.messages.unknown}) and messages a limit
   *     held ({@code dnd.limits.held}, by rule) are counted; null for nowhere
   * @param counts the communication counts and limit rules; null to count nothing and limit nothing
   * @param countExempt whether a message marked {@code dnd.limit=exempt} counts ({@code dnd.limits.count-exempt})
   */
  @InternalApi
  public OutboxWorker(Outbox outbox, DndService dnd, ContactService contacts, MessageDispatchers dispatchers,
      PlatformTransactionManager transactions, Clock clock, Settings settings, String workerName,
      MeterRegistry meters, CommunicationCounts counts, boolean countExempt) {
    this.counts = counts;
    this.countExempt = countExempt;
    this.meters = meters;
    this.repository = outbox.repository();
    this.outbox = outbox;
    this.dnd = dnd;
    this.contacts = contacts;
    this.sender = new OutboxSender(repository, dnd, dispatchers, clock, settings, meters);
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.settings = settings;
    this.workerName = workerName;
  }

  /** Dispatches every due message, batch after batch, until none is due or the worker is stopped. */
  public DispatchSummary dispatchDue() {
    recoverStaleClaims();
    // opt-outs a provider answered at send time whose DND could not be set then: set them now
    sender.settleOwedOptOuts();
    DispatchSummary total = DispatchSummary.NONE;
    while (!stopping) {
      DispatchSummary batch = dispatchBatch();
      total = total.plus(batch);
      if (batch.claimed() < settings.batchSize()) {
        break;
      }
    }
    return total;
  }

  /**
   * Asks a running {@link #dispatchDue()} to hand back what it has not started and return; later
   * calls return at once until {@link #resume()}.
   */
  public void stop() {
    stopping = true;
  }

  /** Lets {@link #dispatchDue()} run again after {@link #stop()}. */
  public void resume() {
    stopping = false;
  }

  private DispatchSummary dispatchBatch() {
    String claimId = workerName + "-" + UUID.randomUUID();
    List<OutboxMessage> claimed = transaction.execute(tx ->
        repository.claim(claimId, clock.instant(), settings.batchSize()));
    int sent = 0;
    int blocked = 0;
    int retried = 0;
    int failed = 0;
    int released = 0;
    for (OutboxMessage message : claimed) {
      if (stopping) {
        repository.release(message.id(), claimId, clock.instant(), message.detail(), clock.instant());
        released++;
        continue;
      }
      switch (dispatch(message, claimId)) {
        case SENT -> sent++;
        case BLOCKED -> blocked++;
        case RETRIED -> retried++;
        case FAILED -> failed++;
        case RELEASED -> released++;
        case LOST -> { }
      }
    }
    return new DispatchSummary(claimed.size(), sent, blocked, retried, failed, released);
  }

  private DispatchOutcome dispatch(OutboxMessage message, String claimId) {
    Optional<DndRecord> record;
    Optional<String> address;
    try {
      record = dnd.findRecord(message.contactId());
      address = contacts.get(message.contactId()).flatMap(c -> c.addresses().forChannel(message.channel()));
    } catch (DataAccessException e) {
      // no answer from the DND store: not sent, fail closed, and ask again later
      Instant now = clock.instant();
      LOG.warn("Message {} not dispatched: DND of contact {} could not be read; trying again later",
          message.id(), message.contactId(), e);
      repository.release(message.id(), claimId, now.plus(settings.backoff()),
          "DND could not be read at dispatch: " + e.getMessage(), now);
      return DispatchOutcome.RELEASED;
    }
    if (record.isEmpty()) {
      return block(message, claimId, null, "Contact " + message.contactId() + " is not registered any more; not sent");
    }
    Optional<DndEntry> blocking = record.get().blockingEntry(message.channel());
    if (blocking.isPresent()) {
      DndEntry entry = blocking.get();
      return block(message, claimId, entry, "Blocked at dispatch: "
          + DndRules.refusalMessage(message.contactId(), entry));
    }
    if (message.topic() != null) {
      Optional<TopicEntry> left = dnd.leftTopic(message.contactId(), message.topic());
      if (left.isPresent()) {
        return repository.markBlocked(message.id(), claimId, left.get().reason(), "Blocked at dispatch: contact "
            + message.contactId() + " left the topic " + message.topic() + " on " + left.get().since() + " ("
            + left.get().setBy() + ")", clock.instant()) ? DispatchOutcome.BLOCKED : DispatchOutcome.LOST;
      }
    }
    Optional<Instant> held = heldUntil(message);
    if (held.isPresent()) {
      // due in quiet hours (queued by day, then retried into the night, say): wait for the window
      return repository.holdUntil(message.id(), claimId, held.get(), "Held for quiet hours in the contact's time"
          + " zone until " + held.get(), clock.instant()) ? DispatchOutcome.RELEASED : DispatchOutcome.LOST;
    }
    if (!address.equals(Optional.of(message.recipient()))) {
      return block(message, claimId, null, "The contact's " + MissingAddressException.describe(
          message.channel().addressKind()) + " changed since the message was queued (from " + message.recipient()
          + " to " + address.orElse("none") + "); not sent to the old one");
    }
    if (!counted(message)) {
      return sender.send(message, claimId);
    }
    DispatchOutcome limited = takePlace(message, claimId);
    if (limited != null) {
      return limited;
    }
    DispatchOutcome outcome = sender.send(message, claimId);
    giveBackUnlessAccepted(message);
    return outcome;
  }

  /** Whether the message takes a place in the contact's communication limits when it goes. */
  private boolean counted(OutboxMessage message) {
    return counts != null && switch (message.limit()) {
      case LIMITED, OVERRIDDEN -> true;
      case EXEMPT -> countExempt;
      case STEP -> false;
    };
  }

  /**
   * Takes the message's place, in one short transaction with the check that this run still holds
   * the message: null when it was counted and goes now; else what became of it (held by a full
   * rule, released when the counts could not be read, lost with the claim).
   */
  private DispatchOutcome takePlace(OutboxMessage message, String claimId) {
    Instant now = clock.instant();
    try {
      return transaction.execute(tx -> {
        if (!repository.stillClaimed(message.id(), claimId, now)) {
          return DispatchOutcome.LOST;
        }
        Optional<LimitBreach> breach = counts.take(message.contactId(), message.channel(), message.topic(),
            CommunicationCounts.Kind.MESSAGE, String.valueOf(message.id()), now, message.limit().limited());
        if (breach.isEmpty()) {
          return null;
        }
        LimitBreach full = breach.get();
        countHeld(full.rule().name());
        LOG.info("Message {} to contact {} held by the communication limit '{}' until {}", message.id(),
            message.contactId(), full.rule().name(), full.freesAt());
        return repository.holdUntil(message.id(), claimId, full.freesAt(), "Held by the communication limit '"
            + full.rule().name() + "' (" + full.used() + " of " + full.rule().count() + " used) until its next place"
            + " frees at " + full.freesAt(), now) ? DispatchOutcome.RELEASED : DispatchOutcome.LOST;
      });
    } catch (ContactNotFoundException e) {
      return block(message, claimId, null, "Contact " + message.contactId() + " is not registered any more; not sent");
    } catch (RuntimeException e) {
      // no answer from the counts: not sent, fail closed, and ask again later
      LOG.warn("Message {} not dispatched: the communication counts of contact {} could not be read; trying again"
          + " later", message.id(), message.contactId(), e);
      Instant later = clock.instant();
      repository.release(message.id(), claimId, later.plus(settings.backoff()),
          "The communication counts could not be read at dispatch: " + e.getMessage(), later);
      return DispatchOutcome.RELEASED;
    }
  }

  /**
   * Gives the message's place back when the provider certainly did not take it (to be tried again,
   * FAILED, BLOCKED); keeps it when it was accepted, may have been (UNKNOWN) or was logged.
   */
  private void giveBackUnlessAccepted(OutboxMessage message) {
    try {
      MessageStatus status = repository.find(message.id()).map(OutboxMessage::status).orElse(null);
      boolean certainlyNotSent = status == MessageStatus.PENDING || status == MessageStatus.BLOCKED
          || status == MessageStatus.FAILED;
      if (certainlyNotSent) {
        counts.release(CommunicationCounts.Kind.MESSAGE, String.valueOf(message.id()));
      }
    } catch (DataAccessException e) {
      // the place stays taken: counting a message too many holds the next one back, never floods
      LOG.warn("The communication limit place of message {} could not be given back", message.id(), e);
    }
  }

  private void countHeld(String rule) {
    if (meters != null) {
      held.computeIfAbsent(rule, name -> Counter.builder("dnd.limits.held")
          .description("Communications a DND Guard communication limit held back, by rule")
          .tag("rule", name)
          .register(meters)).increment();
    }
  }

  private Optional<Instant> heldUntil(OutboxMessage message) {
    if (message.heldUntil() == null && message.origin() == MessageOrigin.WORKFLOW
        && message.nextAttemptAt().equals(message.createdAt()) && message.attempts() == 0) {
      // queued by a step the guard let run (or marked dnd.quietHours=ignore) and not held since
      return Optional.empty();
    }
    try {
      return outbox.heldUntil(message.contactId(), message.channel(), clock.instant());
    } catch (RuntimeException e) {
      // no zone could be judged: not sent (fail closed); try again in a while
      return Optional.of(clock.instant().plus(settings.backoff()));
    }
  }

  private DispatchOutcome block(OutboxMessage message, String claimId, DndEntry entry, String detail) {
    LOG.info("Message {} to contact {} not sent: {}", message.id(), message.contactId(), detail);
    return repository.markBlocked(message.id(), claimId, entry == null ? null : entry.reason(), detail,
        clock.instant()) ? DispatchOutcome.BLOCKED : DispatchOutcome.LOST;
  }

  private void recoverStaleClaims() {
    Instant now = clock.instant();
    Instant before = now.minus(settings.claimTimeout());
    int released = repository.releaseStaleClaims(before, now);
    int failed = repository.failStaleSends(before, "Dispatch stopped while the provider had the message (a node"
        + " stopped?); whether it was sent is unknown, so it is not sent again", now);
    sender.countUnknown(failed);
    if (released > 0 || failed > 0) {
      LOG.warn("Recovered the outbox claims of stopped dispatch runs: {} messages due again, {} now UNKNOWN",
          released, failed);
    }
  }
}
