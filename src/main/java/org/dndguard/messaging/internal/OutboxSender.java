package org.dndguard.messaging.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.messaging.DispatchException;
import org.dndguard.messaging.DispatchReceipt;
import org.dndguard.messaging.MessageDispatcher;
import org.dndguard.messaging.NoProviderException;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.messaging.OutboxWorker;
import org.dndguard.store.DndService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of dispatch that talks to the provider: hands a claimed message that may go to its
 * channel's dispatcher and records the answer. Only an attempt the provider certainly did not take
 * is tried again, after a backoff that doubles each time, up to the most attempts; one that may
 * have gone out ends UNKNOWN, counted as {@value #UNKNOWN_METRIC}, and is never sent again
 * automatically. A provider that says the recipient opted out sets DND for the address, durably:
 * when that fails, the message owes the DND and every run tries again until it lands.
 */
public class OutboxSender {

  /** The counter of messages that ended UNKNOWN: they may or may not have gone out. */
  public static final String UNKNOWN_METRIC = "dnd.messages.unknown";

  private static final String OWED_MARK = "; DND for ";

  // the worker's log category, which operators configure and filter on
  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

  private final OutboxRepository repository;
  private final DndService dnd;
  private final MessageDispatchers dispatchers;
  private final Clock clock;
  private final OutboxWorker.Settings settings;
  private final Counter unknown;

  public OutboxSender(OutboxRepository repository, DndService dnd, MessageDispatchers dispatchers, Clock clock,
      OutboxWorker.Settings settings, MeterRegistry meters) {
    this.repository = repository;
    this.dnd = dnd;
    this.dispatchers = dispatchers;
    this.clock = clock;
    this.settings = settings;
    this.unknown = meters == null ? null : Counter.builder(UNKNOWN_METRIC)
        .description("Outbox messages that may or may not have gone out (never sent again automatically;"
            + " an operator may resend them)")
        .register(meters);
  }

  public DispatchOutcome send(OutboxMessage message, String claimId) {
    if (!repository.startSending(message.id(), claimId, clock.instant())) {
      return DispatchOutcome.LOST;
    }
    Optional<MessageDispatcher> found = dispatchers.find(message.channel());
    if (found.isEmpty()) {
      // queued before the provider was taken away, or by a host that bypassed the check: nothing is sent
      String detail = NoProviderException.text(message.channel());
      LOG.warn("Message {} to contact {} failed: {}", message.id(), message.contactId(), detail);
      repository.markFailed(message.id(), claimId, null, detail, clock.instant());
      return DispatchOutcome.FAILED;
    }
    MessageDispatcher dispatcher = found.get();
    int attempt = message.attempts() + 1;
    DispatchReceipt receipt;
    try {
      receipt = dispatcher.send(message);
    } catch (DispatchException e) {
      if (e.optOut().isPresent()) {
        return optedOutAtProvider(message, claimId, dispatcher, e, e.optOut().get());
      }
      if (e.mayHaveBeenSent()) {
        return mayHaveBeenSent(message, claimId, dispatcher, e.getMessage());
      }
      return failed(message, claimId, dispatcher, attempt, e.retryable(), e.getMessage());
    } catch (RuntimeException e) {
      // a dispatcher that does not say what happened may have sent it: never again automatically
      LOG.warn("Dispatcher '{}' failed on message {} unexpectedly", dispatcher.name(), message.id(), e);
      return mayHaveBeenSent(message, claimId, dispatcher, dispatcher.name() + " failed unexpectedly (" + e
          + "); the message may have been sent, so it is not sent again");
    }
    try {
      if (receipt.loggedOnly()) {
        repository.markLogged(message.id(), claimId, dispatcher.name(), clock.instant());
        return DispatchOutcome.SENT;
      }
      repository.markSent(message.id(), claimId, dispatcher.name(), receipt.providerMessageId(), clock.instant());
      return DispatchOutcome.SENT;
    } catch (RuntimeException e) {
      return acceptedButNotRecorded(message, claimId, dispatcher, receipt, e);
    }
  }

  /** The request left and the answer does not say it was refused: UNKNOWN, counted, never sent again. */
  private DispatchOutcome mayHaveBeenSent(OutboxMessage message, String claimId, MessageDispatcher dispatcher,
      String detail) {
    LOG.error("Message {} to contact {} is UNKNOWN: {}", message.id(), message.contactId(), detail);
    if (repository.markUnknown(message.id(), claimId, dispatcher.name(), detail, clock.instant())) {
      countUnknown();
    }
    return DispatchOutcome.FAILED;
  }

  /**
   * The provider accepted the message, but recording that failed: it must never go out again, so it
   * is not retried; it ends UNKNOWN (or, if even that cannot be written, stays SENDING until the
   * stale-send recovery makes it UNKNOWN), and the error log names it.
   */
  private DispatchOutcome acceptedButNotRecorded(OutboxMessage message, String claimId, MessageDispatcher dispatcher,
      DispatchReceipt receipt, RuntimeException cause) {
    String providerId = receipt.providerMessageId() == null ? "none" : receipt.providerMessageId();
    String detail = dispatcher.name() + " accepted the message (its id " + (providerId.length() > 100
        ? providerId.substring(0, 100) + "..." : providerId) + "), but recording that failed: " + cause
        + "; whether it went out is unknown, so it is not sent again";
    LOG.error("Message {} to contact {}: {}", message.id(), message.contactId(), detail, cause);
    try {
      if (repository.markUnknown(message.id(), claimId, dispatcher.name(), detail, clock.instant())) {
        countUnknown();
      }
    } catch (RuntimeException again) {
      LOG.error("Message {} stays SENDING; the stale-send recovery will mark it UNKNOWN", message.id(), again);
    }
    return DispatchOutcome.FAILED;
  }

  public void countUnknown(int count) {
    if (unknown != null && count > 0) {
      unknown.increment(count);
    }
  }

  private void countUnknown() {
    countUnknown(1);
  }

  private DispatchOutcome failed(OutboxMessage message, String claimId, MessageDispatcher dispatcher, int attempt,
      boolean retryable, String reason) {
    Instant now = clock.instant();
    if (retryable && attempt < settings.maxAttempts()) {
      Instant next = now.plus(backoff(attempt));
      LOG.info("Message {} to contact {}: attempt {} of {} failed, next at {}: {}", message.id(),
          message.contactId(), attempt, settings.maxAttempts(), next, reason);
      repository.retryLater(message.id(), claimId, dispatcher.name(), next,
          "Attempt " + attempt + " failed: " + reason, now);
      return DispatchOutcome.RETRIED;
    }
    String detail = retryable ? "Gave up after " + attempt + " attempts; the last one failed: " + reason : reason;
    LOG.warn("Message {} to contact {} failed: {}", message.id(), message.contactId(), detail);
    repository.markFailed(message.id(), claimId, dispatcher.name(), detail, now);
    return DispatchOutcome.FAILED;
  }

  /**
   * Twilio's 21610 and its kind: the number opted out with the provider, which is DND for the
   * address. The message is BLOCKED either way and never sent again; a DND that cannot be set now
   * is owed by the message, and {@link #settleOwedOptOuts} sets it on a later run.
   */
  private DispatchOutcome optedOutAtProvider(OutboxMessage message, String claimId, MessageDispatcher dispatcher,
      DispatchException e, DispatchException.OptOut optOut) {
    Instant now = clock.instant();
    LOG.info("Message {} to contact {} blocked by {}: {}", message.id(), message.contactId(), dispatcher.name(),
        e.getMessage());
    try {
      setOptOutDnd(message, dispatcher.name(), optOut.source(), e.code(), optOut.reason(), now);
    } catch (RuntimeException failure) {
      LOG.error("Message {}: {} says {} opted out, but DND could not be set now; the next dispatch run sets it"
          + " again", message.id(), dispatcher.name(), message.recipient(), failure);
      repository.markBlockedOwingDnd(message.id(), claimId, dispatcher.name(), optOut.reason(),
          optOut.source().name(), e.code(), e.getMessage() + OWED_MARK + message.recipient() + " could not be"
              + " set yet (" + failure.getMessage() + "): dispatch sets it again until it lands", now);
      return DispatchOutcome.BLOCKED;
    }
    repository.markBlocked(message.id(), claimId, optOut.reason(), e.getMessage() + "; DND set for "
        + message.recipient(), now);
    return DispatchOutcome.BLOCKED;
  }

  /**
   * Sets the DND that provider opt-outs at send time still owe, oldest first; one that fails again
   * stays owed for the next run.
   *
   * @return how many were set
   */
  public int settleOwedOptOuts() {
    int settled = 0;
    for (OutboxRepository.OwedOptOut owed : repository.owedOptOuts(settings.batchSize())) {
      OutboxMessage message = owed.message();
      try {
        setOptOutDnd(message, message.provider(), Source.valueOf(owed.source()), owed.code(), message.dndReason(),
            message.updatedAt());
        repository.settleOptOut(message.id(), providerAnswer(message.detail()) + "; DND set for "
            + message.recipient() + " on a later dispatch run", clock.instant());
        settled++;
      } catch (RuntimeException failure) {
        LOG.error("Message {}: the DND {} owes for {} could still not be set; trying again on the next run",
            message.id(), owed.source(), message.recipient(), failure);
      }
    }
    return settled;
  }

  /** The provider's answer, without what the failed DND write added to the detail. */
  private static String providerAnswer(String detail) {
    if (detail == null) {
      return "The provider said the recipient opted out";
    }
    int owed = detail.indexOf(OWED_MARK);
    return owed < 0 ? detail : detail.substring(0, owed);
  }

  private void setOptOutDnd(OutboxMessage message, String provider, Source source, String code, DndReason reason,
      Instant answeredAt) {
    Evidence evidence = Evidence.builder(source, answeredAt).message(String.valueOf(message.id())).code(code)
        .note("refused by " + provider + " when outbox message " + message.id() + " was sent").build();
    dnd.applyToAddress(message.channel().addressKind(), message.recipient(),
        new DndCommand.Set(DndTarget.of(message.channel()), reason, evidence));
  }

  /** The wait after the given failed attempt: the backoff, doubled for each attempt before, at most the cap. */
  Duration backoff(int failedAttempt) {
    Duration wait = settings.backoff();
    for (int i = 1; i < failedAttempt && wait.compareTo(settings.maxBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
  }
}
