package org.dndguard.cockpit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a browser test class only where the machine's Chromium and chromedriver are installed, so
 * that {@code mvn verify} passes on a fresh machine. A skip is not silent: it is written to
 * {@value #SKIPPED_FILE}, which the build prints at its end with the command that installs the
 * browser. On CI ({@code CI=true}) nothing is skipped: a missing browser fails the tests, since a
 * green CI that ran no browser test would prove nothing about the Cockpit plugin.
 */
final class BrowserAvailable implements ExecutionCondition {

  /** The file the build prints at its end (maven-antrun-plugin in the verify phase). */
  static final String SKIPPED_FILE = "target/browser-tests-skipped.txt";
  static final String INSTALL = "apt-get install -y chromium chromium-driver";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (installed()) {
      return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      // run, and fail in Browser.open with what to install: CI must not pass without its browser tests
      return ConditionEvaluationResult.enabled("CI=true: a missing browser fails the build");
    }
    String reason = "Browser tests skipped (" + context.getDisplayName() + "): " + Browser.CHROMIUM + " or "
        + Browser.CHROMEDRIVER + " is missing. Install them with: " + INSTALL;
    record(reason);
    return ConditionEvaluationResult.disabled(reason);
  }

  static boolean installed() {
    return Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER);
  }

  private static void record(String reason) {
    try {
      Path file = Path.of(SKIPPED_FILE);
      Files.createDirectories(file.getParent());
      Files.writeString(file, reason + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not record the skipped browser tests in " + SKIPPED_FILE, e);
    }
  }
}
