package org.dndguard.web.internal;

import java.util.List;
import java.util.Map;

/** Refuses request bodies with members DND Guard does not know, naming the ones it does. */
final class UnknownFields {

  private UnknownFields() {
  }

  static void reject(Map<String, Object> unknownFields, List<String> known, String what) {
    if (unknownFields == null || unknownFields.isEmpty()) {
      return;
    }
    String field = unknownFields.keySet().stream().sorted().findFirst().orElseThrow();
    throw new InvalidFieldException(field, "Unknown field '" + field + "' in " + what + "; the fields are "
        + String.join(", ", known), known);
  }
}
