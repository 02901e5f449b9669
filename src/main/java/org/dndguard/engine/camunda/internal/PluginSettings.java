package org.dndguard.engine.camunda.internal;

import java.util.Locale;

/**
 * Reads the plugins' settings as {@code processes.xml} and {@code bpm-platform.xml} give them (text),
 * strictly: Camunda's property mapping reads any boolean text other than {@code true} as false, so a
 * typo would silently change a setting. Each error names the property and what it accepts.
 */
public final class PluginSettings {

  private PluginSettings() {
  }

  public static boolean flag(String property, String value) {
    String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("The plugin property '" + property + "' is true or false, not '"
          + value + "'");
    };
  }

  public static String name(String property, String value, String example) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("The plugin property '" + property + "' is blank; give it a value such as "
          + example);
    }
    return value.trim();
  }
}
