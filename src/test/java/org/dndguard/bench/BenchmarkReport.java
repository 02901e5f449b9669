package org.dndguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Collects the benchmarks' figures into one table, printed and written to
 * {@code target/bench/results.md} after every row, so a run that stops half way still leaves what
 * it measured. Figures are medians over alternating rounds, with their spread.
 */
final class BenchmarkReport {

  private static final Path FILE = Path.of("target", "bench", "results.md");
  private static final List<Row> ROWS = new ArrayList<>();
  private static final Set<String> ENVIRONMENT = new LinkedHashSet<>();
  private static final List<String> NOTES = new ArrayList<>();

  /**
   * One figure.
   *
   * @param name what was measured; it starts with the benchmark's number, by which rows are sorted
   * @param baseline the baseline's figure, e.g. "412 inst/s (±3%)"
   * @param measured DND Guard's figure
   * @param ratio measured against the baseline, as the target states it
   * @param target the target, e.g. "≥ 0.95", or "none" where the issue sets none
   * @param met whether the target was met; null where there is no target
   */
  record Row(String name, String baseline, String measured, String ratio, String target, Boolean met) {
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

  /** Something the figures depend on, such as a database's version; each is listed once. */
  static synchronized void environment(String fact) {
    ENVIRONMENT.add(fact);
  }

  private static void write() {
    StringBuilder out = new StringBuilder();
    out.append("# DND Guard benchmarks\n\n")
        .append("Run ").append(Instant.now()).append(" on ").append(machine());
    ENVIRONMENT.forEach(fact -> out.append(", ").append(fact));
    out.append("\n\n")
        .append("| benchmark | baseline | DND Guard | ratio | target | met |\n")
        .append("|---|---|---|---|---|---|\n");
    List<Row> sorted = new ArrayList<>(ROWS);
    // the classes run in alphabetical order; the table keeps the numbering
    sorted.sort(Comparator.comparing(Row::name));
    for (Row row : sorted) {
      out.append("| ").append(row.name()).append(" | ").append(row.baseline()).append(" | ").append(row.measured())
          .append(" | ").append(row.ratio()).append(" | ").append(row.target()).append(" | ")
          .append(row.met() == null ? "—" : row.met() ? "yes" : "**no**").append(" |\n");
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
    return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version") + " ("
        + System.getProperty("java.vm.name") + "), " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch");
  }

  /**
   * The machine's load average over the last minute, from {@code /proc/loadavg}: on a shared
   * machine it tells how many other runnable processes the figures competed with.
   */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The database's product name and version, e.g. "PostgreSQL 14.22". */
  static String database(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the database's version", e);
    }
  }

  /** The median of the values. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * Half the interquartile range, relative to the median, in percent: how far a typical round lies
   * from the median. Unlike the full range it is not set by the one round in which another
   * process took the cores.
   */
  static double spreadPercent(double[] values) {
    double median = median(values);
    return median == 0 ? 0 : (percentile(values, 75) - percentile(values, 25)) / 2 / median * 100;
  }

  /** The p-th percentile (0..100) of the values, nearest rank. */
  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** The median of per-round values with their spread, e.g. "412 inst/s (±3%)". */
  static String medianWithSpread(double[] perRound, String pattern) {
    return format(pattern, median(perRound)) + format(" (±%.0f%%)", spreadPercent(perRound));
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
