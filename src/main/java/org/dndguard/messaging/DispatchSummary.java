package org.dndguard.messaging;

/**
 * What one dispatch run did.
 *
 * @param claimed messages the run took
 * @param sent messages a provider accepted (with log-only, also those only logged: LOGGED)
 * @param blocked messages not sent because of DND (or a changed address)
 * @param retried messages that failed and are due again later
 * @param failed messages that failed for good, or ended UNKNOWN
 * @param released messages handed back untouched (the run stopped, or DND could not be read)
 */
public record DispatchSummary(int claimed, int sent, int blocked, int retried, int failed, int released) {

  static final DispatchSummary NONE = new DispatchSummary(0, 0, 0, 0, 0, 0);

  DispatchSummary plus(DispatchSummary other) {
    return new DispatchSummary(claimed + other.claimed, sent + other.sent, blocked + other.blocked,
        retried + other.retried, failed + other.failed, released + other.released);
  }
}
