package org.dndguard.bench;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Instant;
import org.dndguard.store.internal.ComplianceReports;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndTables;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The opt-out report in a JVM of its own, started by {@link OptOutReportMemoryBenchmark} with a
 * small heap: it writes the report to a stream that only counts, and prints one line with what it
 * measured. An out-of-memory error ends it with a non-zero exit code.
 */
final class OptOutReportRun {

  private OptOutReportRun() {
  }

  /** Arguments: JDBC URL, from, to. */
  public static void main(String[] args) throws Exception {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(args[0]);
    dataSource.setUser("postgres");
    Instant from = Instant.parse(args[1]);
    Instant to = Instant.parse(args[2]);
    ComplianceReports reports = new ComplianceReports(new DndTables(dataSource, DndSchema.verify(dataSource)),
        Clock.systemUTC());
    CountingStream out = new CountingStream();
    long start = System.nanoTime();
    ComplianceReports.OptOutSummary summary = reports.optOutSummary(from, to);
    reports.optOuts(from, to, summary, out);
    long nanos = System.nanoTime() - start;
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("RESULT lines=%d bytes=%d nanos=%d summaryRows=%d maxHeap=%d peakHeap=%d%n", out.lines, out.bytes,
        nanos, summary.rows(), Runtime.getRuntime().maxMemory(), peakHeap);
  }

  /** Counts bytes and lines, keeps nothing. */
  private static final class CountingStream extends OutputStream {
    long bytes;
    long lines;

    @Override
    public void write(int b) {
      bytes++;
      if (b == '\n') {
        lines++;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          lines++;
        }
      }
    }
  }
}
