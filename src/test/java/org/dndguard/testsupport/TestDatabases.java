package org.dndguard.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real databases for tests: a fresh in-memory H2, or a fresh database in one embedded PostgreSQL
 * started once per test JVM (from a Maven jar: nothing to install, works as root).
 */
public final class TestDatabases {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {
  }

  /** A new, empty in-memory H2 database, kept until the JVM ends. */
  public static DataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:dnd-" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    dataSource.setUser("sa");
    return dataSource;
  }

  /** A new, empty database in the shared embedded PostgreSQL server. */
  public static DataSource postgres() {
    String name = "dnd_" + COUNTER.incrementAndGet() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return postgresDataSource(name);
  }

  /** The JDBC URL of a database in the shared embedded PostgreSQL server, for Spring properties. */
  public static String postgresUrl(DataSource dataSource) {
    return ((PGSimpleDataSource) dataSource).getUrl();
  }

  /**
   * Points a Spring test context's data source at a new, empty database in the shared embedded
   * PostgreSQL server; for a {@code @DynamicPropertySource} method.
   */
  public static void usePostgres(DynamicPropertyRegistry registry) {
    String url = postgresUrl(postgres());
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  private static DataSource postgresDataSource(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {"localhost"});
    dataSource.setPortNumbers(new int[] {server().getPort()});
    dataSource.setDatabaseName(database);
    dataSource.setUser("postgres");
    return dataSource;
  }

  private static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException ignored) {
          // the JVM is ending
        }
      }));
    }
    return postgres;
  }
}
