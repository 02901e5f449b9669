package org.dndguard.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndTables;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A generated secret is made once: nodes that start at the same moment (here, threads above the pool
 * size, each as a node of its own) all get the same one, and one row holds it. On H2 and PostgreSQL.
 */
class GeneratedSecretsTest {

  private static final int NODES = 12;
  private static final int POOL = 4;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgres"})
  void nodesThatGenerateAtOnceAgreeOnOneSecret(String database) throws Exception {
    DataSource raw = database.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
    HikariConfig config = new HikariConfig();
    config.setDataSource(raw);
    config.setMaximumPoolSize(POOL);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      DndSchema schema = DndSchema.migrate(pool);
      CyclicBarrier together = new CyclicBarrier(NODES);
      ExecutorService threads = Executors.newFixedThreadPool(NODES);
      try {
        List<Future<String>> secrets = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
          // each node has its own GeneratedSecrets, as each has its own context
          GeneratedSecrets node = new GeneratedSecrets(new DndTables(pool, schema), Clock.systemUTC());
          secrets.add(threads.submit(() -> {
            together.await(60, TimeUnit.SECONDS);
            return node.getOrCreate(GeneratedSecrets.UNSUBSCRIBE_LINKS);
          }));
        }
        Set<String> distinct = new HashSet<>();
        for (Future<String> secret : secrets) {
          distinct.add(secret.get(120, TimeUnit.SECONDS));
        }

        assertThat(distinct).singleElement().satisfies(secret -> assertThat(secret).matches("[0-9a-f]{64}"));
        assertThat(JdbcClient.create(pool).sql("SELECT COUNT(*) FROM DND_SECRET").query(Long.class).single())
            .isEqualTo(1);
        // and a later start reads the same one
        assertThat(new GeneratedSecrets(new DndTables(pool, schema), Clock.systemUTC())
            .getOrCreate(GeneratedSecrets.UNSUBSCRIBE_LINKS)).isEqualTo(distinct.iterator().next());
      } finally {
        threads.shutdownNow();
      }
    }
  }
}
