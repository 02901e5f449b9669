package org.dndguard.web;

import java.security.Principal;

/** Who a request acts for, as the audit trail names them. */
final class Actors {

  private Actors() {
  }

  /** The authenticated Camunda user's id; null when the host application lets the request in unauthenticated. */
  static String of(Principal principal) {
    return principal == null ? null : principal.getName();
  }
}
