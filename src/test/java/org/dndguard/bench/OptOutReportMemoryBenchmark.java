package org.dndguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.dndguard.store.DndSchema;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Target (issue 23): the opt-out report over 1,000,000 audit rows on PostgreSQL runs in a heap of
 * 256 MB, because it streams: the report runs in a JVM of its own started with {@code -Xmx256m}
 * ({@link OptOutReportRun}), and must write every row. The rows are written by PostgreSQL itself
 * ({@code generate_series}), one opt-out a second from 2026-01-01, each taking effect 0 to 499 ms
 * after receipt. Figures: the report's time, rows per second, and the child's peak heap.
 */
class OptOutReportMemoryBenchmark {

  private static final int ROWS = Integer.getInteger("bench.auditRows", 1_000_000);
  private static final String HEAP = "-Xmx256m";

  @Test
  void theOptOutReportOverAMillionAuditRowsRunsIn256Megabytes() throws Exception {
    DataSource database = TestDatabases.postgres();
    BenchmarkReport.environment(BenchmarkReport.database(database));
    DndSchema.migrate(database);
    JdbcClient sql = JdbcClient.create(database);
    long fillStart = System.nanoTime();
    sql.sql("INSERT INTO DND_AUDIT (CONTACT_ID, ADDRESS_KIND, ADDRESS, ACTION, TARGET, REASON, STATUS_AFTER, SOURCE,"
            + " ACTOR, PROVIDER_EVENT_ID, MESSAGE_ID, KEYWORD, NOTE, RECEIVED_AT, RECORDED_AT)"
            + " SELECT 'c-' || g, 'PHONE', '+1415' || lpad(g::text, 7, '0'), 'SET', 'SMS', 'SMS_OPT_OUT', 'PARTIAL',"
            + " 'TWILIO', 'AC00000000000000000000000000000000', 'SM' || md5(g::text), 'SM' || md5(g::text), 'STOP',"
            + " 'inbound SMS keyword STOP', TIMESTAMPTZ '2026-01-01 00:00:00+00' + g * INTERVAL '1 second',"
            + " TIMESTAMPTZ '2026-01-01 00:00:00+00' + g * INTERVAL '1 second' + (g % 500) * INTERVAL '1 millisecond'"
            + " FROM generate_series(1, ?) g").param(ROWS).update();
    sql.sql("ANALYZE DND_AUDIT").update();
    double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

    String url = TestDatabases.postgresUrl(database);
    Process child = new ProcessBuilder(javaExecutable(), HEAP, "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), OptOutReportRun.class.getName(), url, "2025-12-31T00:00:00Z",
        "2027-01-01T00:00:00Z").redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = child.waitFor();

    assertThat(exit).as("the report's JVM (%s) ended with: %s", HEAP, output).isZero();
    Map<String, Long> result = result(output);
    assertThat(result.get("summaryRows")).isEqualTo(ROWS);
    // two comment lines and the header, then a line per row
    assertThat(result.get("lines")).isEqualTo(ROWS + 3L);
    assertThat(result.get("maxHeap")).isLessThanOrEqualTo(256L * 1024 * 1024);
    double seconds = result.get("nanos") / 1e9;
    BenchmarkReport.add(new BenchmarkReport.Row(
        BenchmarkReport.format("6. Opt-out report, %,d audit rows, PostgreSQL, -Xmx256m (own JVM)", ROWS),
        "none", BenchmarkReport.format("%.1f s, %,.0f rows/s, %,d MB written, peak heap %,d MB", seconds,
            ROWS / seconds, result.get("bytes") / (1024 * 1024), result.get("peakHeap") / (1024 * 1024)),
        "-", "completes in 256 MB", true));
    BenchmarkReport.note(BenchmarkReport.format("6: %,d rows inserted with generate_series in %.1f s", ROWS,
        fillSeconds));
  }

  private static Map<String, Long> result(String output) {
    Matcher line = Pattern.compile("RESULT (.*)").matcher(output);
    assertThat(line.find()).as("the report's output: %s", output).isTrue();
    return List.of(line.group(1).trim().split(" ")).stream().map(pair -> pair.split("="))
        .collect(Collectors.toMap(pair -> pair[0], pair -> Long.parseLong(pair[1])));
  }

  private static String javaExecutable() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }
}
