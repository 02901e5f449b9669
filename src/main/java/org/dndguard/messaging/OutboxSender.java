package org.dndguard.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.dndguard.contact.DndCommand;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.messaging.OutboxWorker.Outcome;
import org.dndguard.store.DndService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of dispatch that talks to the provider: hands a claimed message that may go to its
 * channel's dispatcher and records the answer. A failed attempt is tried again after a backoff that
 * doubles each time, up to the most attempts; a provider that says the recipient opted out sets DND
 * for the address; an answer that cannot be recorded leaves the message UNKNOWN, never sent again.
 */
class OutboxSender {

  // the worker's log category, which operators configure and filter on
  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

  private final OutboxRepository repository;
  private final DndService dnd;
  private final MessageDispatchers dispatchers;
  private final Clock clock;
  private final OutboxWorker.Settings settings;

  OutboxSender(OutboxRepository repository, DndService dnd, MessageDispatchers dispatchers, Clock clock,
      OutboxWorker.Settings settings) {
    this.repository = repository;
    this.dnd = dnd;
    this.dispatchers = dispatchers;
    this.clock = clock;
    this.settings = settings;
  }

  Outcome send(OutboxMessage message, String claimId) {
    if (!repository.startSending(message.id(), claimId, clock.instant())) {
      return Outcome.LOST;
    }
    MessageDispatcher dispatcher = dispatchers.forChannel(message.channel());
    int attempt = message.attempts() + 1;
    DispatchReceipt receipt;
    try {
      receipt = dispatcher.send(message);
    } catch (DispatchException e) {
      if (e.optOut().isPresent()) {
        return optedOutAtProvider(message, claimId, dispatcher, e, e.optOut().get());
      }
      return failed(message, claimId, dispatcher, attempt, e.retryable(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("Dispatcher '{}' failed on message {} unexpectedly", dispatcher.name(), message.id(), e);
      return failed(message, claimId, dispatcher, attempt, true, dispatcher.name() + " failed: " + e);
    }
    try {
      repository.markSent(message.id(), claimId, dispatcher.name(), receipt.providerMessageId(), clock.instant());
      return Outcome.SENT;
    } catch (RuntimeException e) {
      return acceptedButNotRecorded(message, claimId, dispatcher, receipt, e);
    }
  }

  /**
   * The provider accepted the message, but recording that failed: it must never go out again, so it
   * is not retried; it ends UNKNOWN (or, if even that cannot be written, stays SENDING until the
   * stale-send recovery makes it UNKNOWN), and the error log names it.
   */
  private Outcome acceptedButNotRecorded(OutboxMessage message, String claimId, MessageDispatcher dispatcher,
      DispatchReceipt receipt, RuntimeException cause) {
    String providerId = receipt.providerMessageId() == null ? "none" : receipt.providerMessageId();
    String detail = dispatcher.name() + " accepted the message (its id " + (providerId.length() > 100
        ? providerId.substring(0, 100) + "..." : providerId) + "), but recording that failed: " + cause
        + "; whether it went out is unknown, so it is not sent again";
    LOG.error("Message {} to contact {}: {}", message.id(), message.contactId(), detail, cause);
    try {
      repository.markUnknown(message.id(), claimId, dispatcher.name(), detail, clock.instant());
    } catch (RuntimeException again) {
      LOG.error("Message {} stays SENDING; the stale-send recovery will mark it UNKNOWN", message.id(), again);
    }
    return Outcome.FAILED;
  }

  private Outcome failed(OutboxMessage message, String claimId, MessageDispatcher dispatcher, int attempt,
      boolean retryable, String reason) {
    Instant now = clock.instant();
    if (retryable && attempt < settings.maxAttempts()) {
      Instant next = now.plus(backoff(attempt));
      LOG.info("Message {} to contact {}: attempt {} of {} failed, next at {}: {}", message.id(),
          message.contactId(), attempt, settings.maxAttempts(), next, reason);
      repository.retryLater(message.id(), claimId, dispatcher.name(), next,
          "Attempt " + attempt + " failed: " + reason, now);
      return Outcome.RETRIED;
    }
    String detail = retryable ? "Gave up after " + attempt + " attempts; the last one failed: " + reason : reason;
    LOG.warn("Message {} to contact {} failed: {}", message.id(), message.contactId(), detail);
    repository.markFailed(message.id(), claimId, dispatcher.name(), detail, now);
    return Outcome.FAILED;
  }

  /** Twilio's 21610 and its kind: the number opted out with the provider, which is DND for the address. */
  private Outcome optedOutAtProvider(OutboxMessage message, String claimId, MessageDispatcher dispatcher,
      DispatchException e, DispatchException.OptOut optOut) {
    Instant now = clock.instant();
    Evidence evidence = new Evidence(optOut.source(), null, null, String.valueOf(message.id()), e.code(), null,
        "refused by " + dispatcher.name() + " when outbox message " + message.id() + " was sent", now);
    try {
      dnd.applyToAddress(message.channel().addressKind(), message.recipient(),
          new DndCommand.Set(DndTarget.of(message.channel()), optOut.reason(), evidence));
    } catch (RuntimeException failure) {
      LOG.error("Message {}: {} says {} opted out, but DND could not be set", message.id(), dispatcher.name(),
          message.recipient(), failure);
    }
    LOG.info("Message {} to contact {} blocked by {}: {}", message.id(), message.contactId(), dispatcher.name(),
        e.getMessage());
    repository.markBlocked(message.id(), claimId, optOut.reason(), e.getMessage() + "; DND set for "
        + message.recipient(), now);
    return Outcome.BLOCKED;
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
