package org.dndguard.autoconfigure;

import java.util.regex.Pattern;

/** Checks a configured base path, so a typo fails at start with a message rather than opening a path. */
final class BasePaths {

  private static final Pattern SEGMENTS = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

  private BasePaths() {
  }

  static String require(String path, String property) {
    String value = path == null ? "" : path.strip();
    if (!SEGMENTS.matcher(value).matches()) {
      throw new IllegalArgumentException(property + " is '" + path + "'; set a path that starts with '/', does not"
          + " end with '/' and has only letters, digits, '.', '_', '~' and '-' in its segments, e.g. /dnd/api");
    }
    return value;
  }
}
