package org.dndguard.autoconfigure;

import java.util.UUID;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Contexts with the DND store and messaging as DND Guard wires them, on a database of their own,
 * without a process engine: for tests of the outbox and its dispatch.
 */
public final class MessagingContexts {

  private MessagingContexts() {
  }

  /** A runner on a fresh in-memory H2 database, dispatch not scheduled. */
  public static ApplicationContextRunner onH2() {
    return on(newH2Url());
  }

  /** A runner on the database at the JDBC URL, dispatch not scheduled. */
  public static ApplicationContextRunner on(String jdbcUrl) {
    return withDefaults(jdbcUrl).withPropertyValues("dnd.messaging.dispatch.enabled=false");
  }

  /** A runner on the database at the JDBC URL, with every messaging property at its default. */
  public static ApplicationContextRunner withDefaults(String jdbcUrl) {
    // registered as auto-configuration, after a test's own beans, as in an application
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, StoreAndMessaging.class))
        .withPropertyValues("spring.datasource.url=" + jdbcUrl,
            // quiet hours depend on the time of day; the tests that are about them switch them on
            "dnd.quiet-hours.enabled=false");
  }

  /** A fresh in-memory H2 database's JDBC URL. */
  public static String newH2Url() {
    return "jdbc:h2:mem:messaging-" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000";
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DndProperties.class)
  @Import({StoreConfiguration.class, MessagingConfiguration.class})
  static class StoreAndMessaging {
  }
}
