package org.dndguard.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndRules;
import org.dndguard.contact.TopicEntry;
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

  private final OutboxRepository repository;
  private final Outbox outbox;
  private final DndService dnd;
  private final ContactService contacts;
  private final OutboxSender sender;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Settings settings;
  private final String workerName;
  private volatile boolean stopping;

  /**
   * @param workerName names this worker's claims, e.g. the host; it only helps people reading the table
   */
  public OutboxWorker(Outbox outbox, DndService dnd, ContactService contacts, MessageDispatchers dispatchers,
      PlatformTransactionManager transactions, Clock clock, Settings settings, String workerName) {
    this(outbox, dnd, contacts, dispatchers, transactions, clock, settings, workerName, null);
  }

  /**
   * @param workerName names this worker's claims, e.g. the host; it only helps people reading the table
   * @param meters where messages that end UNKNOWN are counted ({@code dnd.messages.unknown}); null for nowhere
   */
  public OutboxWorker(Outbox outbox, DndService dnd, ContactService contacts, MessageDispatchers dispatchers,
      PlatformTransactionManager transactions, Clock clock, Settings settings, String workerName,
      MeterRegistry meters) {
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

  /** What became of one claimed message. */
  enum Outcome { SENT, BLOCKED, RETRIED, FAILED, RELEASED, LOST }

  private Outcome dispatch(OutboxMessage message, String claimId) {
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
      return Outcome.RELEASED;
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
            + left.get().setBy() + ")", clock.instant()) ? Outcome.BLOCKED : Outcome.LOST;
      }
    }
    Optional<Instant> held = heldUntil(message);
    if (held.isPresent()) {
      // due in quiet hours (queued by day, then retried into the night, say): wait for the window
      return repository.holdUntil(message.id(), claimId, held.get(), "Held for quiet hours in the contact's time"
          + " zone until " + held.get(), clock.instant()) ? Outcome.RELEASED : Outcome.LOST;
    }
    if (!address.equals(Optional.of(message.recipient()))) {
      return block(message, claimId, null, "The contact's " + MissingAddressException.describe(
          message.channel().addressKind()) + " changed since the message was queued (from " + message.recipient()
          + " to " + address.orElse("none") + "); not sent to the old one");
    }
    return sender.send(message, claimId);
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

  private Outcome block(OutboxMessage message, String claimId, DndEntry entry, String detail) {
    LOG.info("Message {} to contact {} not sent: {}", message.id(), message.contactId(), detail);
    return repository.markBlocked(message.id(), claimId, entry == null ? null : entry.reason(), detail,
        clock.instant()) ? Outcome.BLOCKED : Outcome.LOST;
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
