package org.dndguard.web;

import java.net.URI;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A user lacks a DND Guard permission. Answered as a 403 problem (RFC 9457) that names the user,
 * the missing permission and the Camunda groups that grant it; its {@link #getBody()} is that problem.
 */
public class DndAccessDeniedException extends ErrorResponseException {

  /** The problem type of a missing permission. */
  public static final URI TYPE = URI.create("urn:dndguard:problem:permission-missing");

  /**
   * Who was refused what.
   *
   * @param userId the user who was refused; null for a request without a user
   * @param permission the permission the user lacks
   * @param grantingGroups the Camunda groups that grant it
   */
  private record Denial(String userId, DndPermission permission, Set<String> grantingGroups) {

    /** The 403 problem that says so, and how to get the permission. */
    ProblemDetail problem() {
      String who = userId == null ? "An anonymous request" : "User " + userId;
      String groups = grantingGroups.isEmpty() ? "no group (none is configured)" : String.join(", ", grantingGroups);
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, who + " lacks the DND Guard"
          + " permission " + permission + "; the Camunda groups that grant it are: " + groups
          + " (dnd.authorization.*-groups). Ask an administrator to add the user to one of them.");
      problem.setType(TYPE);
      problem.setTitle("Permission missing");
      problem.setProperty("permission", permission.name());
      if (userId != null) {
        problem.setProperty("user", userId);
      }
      problem.setProperty("grantingGroups", grantingGroups);
      return problem;
    }
  }

  private final Denial denial;

  public DndAccessDeniedException(String userId, DndPermission permission, Set<String> grantingGroups) {
    this(new Denial(userId, permission, grantingGroups));
  }

  private DndAccessDeniedException(Denial denial) {
    super(HttpStatus.FORBIDDEN, denial.problem(), null);
    this.denial = denial;
  }

  /** The user who was refused; null for a request without a user. */
  public String userId() {
    return denial.userId();
  }

  /** The permission the user lacks. */
  public DndPermission permission() {
    return denial.permission();
  }

  @Override
  public String getMessage() {
    return getBody().getDetail();
  }
}
