package org.dndguard.web.internal;

import java.util.List;
import org.dndguard.contact.InvalidDndInputException;

/**
 * Input of a request that DND Guard cannot accept, together with the values it would accept, so
 * that the problem answered names them as data ({@code validValues}) and not only in prose.
 */
public class InvalidFieldException extends InvalidDndInputException {

  private final List<String> validValues;

  public InvalidFieldException(String field, String message, List<String> validValues) {
    super(field, message);
    this.validValues = List.copyOf(validValues);
  }

  /** Every value the field accepts. */
  public List<String> validValues() {
    return validValues;
  }
}
