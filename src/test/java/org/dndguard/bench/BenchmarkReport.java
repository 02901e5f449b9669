package org.dndguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Collects the benchmarks' figures into one table, printed and written to
 * {@code target/bench/results.md} after every row, so a run that stops half way still leaves what
 * it measured. Figures are medians over alternating rounds, with their spread.
 */
final class BenchmarkReport {

  private static final Path FILE = Path.of("target", "bench", "results.md");
  private static final List<Row> ROWS = new ArrayList<>();
  private static final List<String> NOTES = new ArrayList<>();

  /**
   * One figure.
   *
   * @param name what was measured
   * @param baseline the baseline's figure, e.g. "412 inst/s (±3%)"
   * @param measured DND Guard's figure
   * @param ratio measured against the baseline, as the target states it
   * @param target the target, e.g. "≥ 0.95"
   * @param met whether the target was met
   */
  record Row(String name, String baseline, String measured, String ratio, String target, boolean met) {
  }

  private BenchmarkReport() {
  }

  static synchronized void add(Row row) {
    ROWS.add(row);
    write();
  }

  static synchronized void note(String note) {
    NOTES.add(note);
    write();
  }

  private static void write() {
    StringBuilder out = new StringBuilder();
    out.append("# DND Guard benchmarks\n\n")
        .append("Run ").append(Instant.now()).append(" on ").append(machine()).append("\n\n")
        .append("| benchmark | baseline | DND Guard | ratio | target | met |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Row row : ROWS) {
      out.append("| ").append(row.name()).append(" | ").append(row.baseline()).append(" | ").append(row.measured())
          .append(" | ").append(row.ratio()).append(" | ").append(row.target()).append(" | ")
          .append(row.met() ? "yes" : "**no**").append(" |\n");
    }
    if (!NOTES.isEmpty()) {
      out.append("\n");
      NOTES.forEach(note -> out.append("- ").append(note).append("\n"));
    }
    System.out.println(out);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String machine() {
    return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version") + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }

  /** The median of the values. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Half the range between the lowest and highest value, relative to the median, in percent. */
  static double spreadPercent(double[] values) {
    double min = Arrays.stream(values).min().orElse(0);
    double max = Arrays.stream(values).max().orElse(0);
    double median = median(values);
    return median == 0 ? 0 : (max - min) / 2 / median * 100;
  }

  /** The p-th percentile (0..100) of the values, nearest rank. */
  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
