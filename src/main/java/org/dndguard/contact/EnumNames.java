package org.dndguard.contact;

import java.util.Locale;
import java.util.Optional;

/** Reading the names of DND Guard's enums as people write them: any case, surrounding blanks ignored. */
final class EnumNames {

  private EnumNames() {
  }

  /** The constant of {@code type} named {@code name}, or empty for null or an unknown name. */
  static <E extends Enum<E>> Optional<E> find(Class<E> type, String name) {
    if (name == null) {
      return Optional.empty();
    }
    String normalised = name.trim().toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(normalised)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }
}
