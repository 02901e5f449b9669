package org.dndguard.web.internal;

import java.security.Principal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.dndguard.contact.Evidence;

/** Who a request acts for and when, as the audit trail records them. */
final class Actors {

  private Actors() {
  }

  /**
   * The evidence of a user's request. Its time is cut to the microseconds that the database keeps,
   * so that the record a change answers is the record a later read answers.
   */
  static Evidence evidence(Principal principal, String note, Clock clock) {
    return Evidence.user(of(principal), note, clock.instant().truncatedTo(ChronoUnit.MICROS));
  }

  /** The authenticated Camunda user's id; null when the host application lets the request in unauthenticated. */
  static String of(Principal principal) {
    return principal == null ? null : principal.getName();
  }
}
