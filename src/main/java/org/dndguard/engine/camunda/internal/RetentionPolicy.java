package org.dndguard.engine.camunda.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;
import org.dndguard.store.internal.RetentionPruning.Cutoffs;

/**
 * How long each kind of row is kept, as the retention job applies it.
 *
 * @param audit audit rows, by the time recorded
 * @param providerEvents provider event rows, by the time received
 * @param skipRecords skip records, by the time recorded
 * @param outbox outbox messages in a final status, by their last change
 * @param interval the time between runs once caught up
 * @param batchSize the most rows of one table one run deletes
 */
public record RetentionPolicy(Period audit, Duration providerEvents, Period skipRecords, Period outbox,
    Duration interval, int batchSize) {

  public RetentionPolicy {
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(providerEvents, "providerEvents");
    Objects.requireNonNull(skipRecords, "skipRecords");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(interval, "interval");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1; it is " + batchSize);
    }
  }

  /** The cut-offs at {@code now}, in UTC's calendar for the periods. */
  Cutoffs cutoffs(Instant now) {
    return new Cutoffs(minus(now, audit), now.minus(providerEvents), minus(now, skipRecords), minus(now, outbox));
  }

  private static Instant minus(Instant now, Period period) {
    return now.atOffset(ZoneOffset.UTC).minus(period).toInstant();
  }
}
