package org.dndguard.autoconfigure;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long DND Guard keeps its records, under {@code dnd.retention}. An engine job prunes what is
 * older, in batches, one node at a time; it never deletes the audit row that is the evidence of a
 * DND entry or topic opt-out still in force, however old.
 *
 * @param enabled whether the retention job runs at all; defaults to {@code true}
 * @param audit how long audit rows (the consent evidence) are kept, by the time they were recorded;
 *     defaults to {@code 5y} (the FTC Telemarketing Sales Rule's five years); below
 *     {@link #AUDIT_FLOOR} only with {@code allow-below-floor=true}
 * @param providerEvents how long provider event rows ({@code DND_PROVIDER_EVENT}, the record that
 *     makes a redelivered webhook count once) are kept; defaults to {@code 30d}. Providers redeliver
 *     for hours (Mailgun up to 8 hours, Twilio within its retry policy), so 30 days is that window
 *     with a wide margin; never below {@link #PROVIDER_EVENTS_FLOOR}. The evidence of each event that
 *     changed DND stays in its audit row
 * @param skipRecords how long skip records (guarded steps skipped, routed or deferred) are kept;
 *     defaults to {@code 5y}, on their own policy, since Camunda's history cleanup does not reach
 *     them
 * @param outbox how long outbox messages in a final status (anything but {@code PENDING},
 *     {@code CLAIMED} and {@code SENDING}) are kept after their last change; defaults to {@code 5y}
 * @param interval how often the job runs when it has caught up; defaults to {@code 1h}. While a
 *     table has more old rows than one batch, the next batch runs at once
 * @param batchSize the most rows of one table one run deletes, in one transaction; defaults to
 *     {@code 1000}
 * @param allowBelowFloor lets {@code audit} go below {@link #AUDIT_FLOOR} (a deployment whose
 *     lawyer says so); defaults to {@code false}
 */
public record RetentionProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("5y") Period audit,
    @DefaultValue("30d") Duration providerEvents,
    @DefaultValue("5y") Period skipRecords,
    @DefaultValue("5y") Period outbox,
    @DefaultValue("1h") Duration interval,
    @DefaultValue("1000") int batchSize,
    @DefaultValue("false") boolean allowBelowFloor) {

  /** The shortest audit retention without {@code allow-below-floor}: three years. */
  public static final Period AUDIT_FLOOR = Period.ofYears(3);
  /** The shortest provider event retention: a day, well past any provider's redelivery. */
  public static final Duration PROVIDER_EVENTS_FLOOR = Duration.ofDays(1);

  public RetentionProperties {
    if (!allowBelowFloor && days(audit) < days(AUDIT_FLOOR)) {
      throw new IllegalArgumentException("dnd.retention.audit is " + audit + ", below the floor of " + AUDIT_FLOOR
          + " (consent evidence; the FTC asks for five years): set it to 3y or more, or set"
          + " dnd.retention.allow-below-floor=true if you must keep it shorter");
    }
    if (days(audit) <= 0 || days(skipRecords) <= 0 || days(outbox) <= 0) {
      throw new IllegalArgumentException("dnd.retention.audit, skip-records and outbox must be positive, e.g. 5y;"
          + " they are " + audit + ", " + skipRecords + ", " + outbox);
    }
    if (providerEvents.compareTo(PROVIDER_EVENTS_FLOOR) < 0) {
      throw new IllegalArgumentException("dnd.retention.provider-events is " + providerEvents + "; keep them at least "
          + PROVIDER_EVENTS_FLOOR + " (providers redeliver for hours, and a redelivery after its row is gone would"
          + " count twice), e.g. 30d");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("dnd.retention.interval must be positive, e.g. 1h; it is " + interval);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("dnd.retention.batch-size must be at least 1; it is " + batchSize);
    }
  }

  /** A period in days as the calendar averages them, for comparing periods of mixed units. */
  private static long days(Period period) {
    return period.toTotalMonths() * 30 + period.getDays();
  }
}
