package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.contact.DndClock;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.TestDatabases;
import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/** DND Guard's auto-configuration in a plain application context, as a host application gets it. */
class DndGuardAutoConfigurationTest {

  // a host application: a data source, Camunda's engine and DND Guard, nothing of the web
  private static final AutoConfigurations HOST = AutoConfigurations.of(DataSourceAutoConfiguration.class,
      DataSourceTransactionManagerAutoConfiguration.class, CamundaBpmAutoConfiguration.class,
      DndGuardAutoConfiguration.class);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(HOST)
      .withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
          "camunda.bpm.generate-unique-process-engine-name=true", "camunda.bpm.job-execution.enabled=false");

  @Test
  void isOnByDefaultWithItsDefaultsBound() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(DndService.class).hasSingleBean(ContactService.class)
          .hasSingleBean(DndSchema.class);
      DndProperties properties = context.getBean(DndProperties.class);
      assertThat(properties.enabled()).isTrue();
      assertThat(properties.contactVariable()).isEqualTo("contactId");
      assertThat(properties.defaultRegion()).isEqualTo("US");
      assertThat(properties.webhooks().maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
      assertThat(properties.webhooks().mailgun().timestampWindow()).isEqualTo(Duration.ofMinutes(5));
      assertThat(properties.workflows().removeWhenFullyBlocked()).isFalse();
      assertThat(properties.messaging().smsOptOutText()).isEqualTo("Reply STOP to unsubscribe.");
    });
  }

  @Test
  void bindsItsProperties() {
    runner.withPropertyValues("dnd.contact-variable=customerId", "dnd.default-region=gb",
            "dnd.workflows.remove-when-fully-blocked=true")
        .run(context -> {
          DndProperties properties = context.getBean(DndProperties.class);
          assertThat(properties.contactVariable()).isEqualTo("customerId");
          assertThat(properties.workflows().removeWhenFullyBlocked()).isTrue();
          assertThat(context.getBean(AddressNormalizer.class).phone("020 7946 0958", "phone")).isEqualTo("+442079460958");
        });
  }

  @Test
  void refusesAnUnknownRegionAtStartup() {
    runner.withPropertyValues("dnd.default-region=XX").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("Unknown phone region 'XX'"));
  }

  @Test
  void aHostsOwnClockIsTheOneItsBeansGetByTypeAndDndGuardKeepsItsOwn() {
    runner.withUserConfiguration(HostWithAClock.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(Clock.class).hasSingleBean(DndClock.class);
      assertThat(context.getBean(HostWithAClock.ClockUser.class).clock()).isSameAs(HostWithAClock.CLOCK);
      assertThat(context.getBean(DndService.class).clock()).isSameAs(context.getBean(DndClock.class).clock())
          .isNotSameAs(HostWithAClock.CLOCK);
    });
  }

  @Test
  void backsOffForAUsersBeans() {
    runner.withUserConfiguration(UserClock.class).run(context -> {
      assertThat(context).hasSingleBean(DndService.class);
      assertThat(context.getBean(DndService.class).clock().instant()).isEqualTo(UserClock.FIXED);
    });
  }

  @Test
  void leavesAHostsOwnFlywayAloneAcrossRestarts() {
    // a Camunda host that uses Flyway must baseline anyway: Camunda creates its tables on its own
    ApplicationContextRunner host = runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:host-flyway-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
            "spring.flyway.baseline-on-migrate=true");
    for (int start = 1; start <= 2; start++) {
      host.run(context -> {
        assertThat(context).hasNotFailed();
        JdbcClient jdbc = JdbcClient.create(context.getBean(javax.sql.DataSource.class));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM \"" + DndSchema.HISTORY_TABLE + "\"").query(Long.class).single())
            .isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'DND_ENTRY'")
            .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM \"flyway_schema_history\"").query(Long.class).single())
            .as("the host's own history, without DND Guard's migrations").isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"script\" LIKE '%dnd%'")
            .query(Long.class).single()).isZero();
      });
    }
  }

  @Test
  void worksOnPostgres() {
    String url = TestDatabases.postgresUrl(TestDatabases.postgres());
    new ApplicationContextRunner()
        .withConfiguration(HOST)
        .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=postgres",
            "camunda.bpm.generate-unique-process-engine-name=true", "camunda.bpm.job-execution.enabled=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(DndSchema.class).dialect()).isEqualTo(org.dndguard.store.internal.SqlDialect.POSTGRESQL);
        });
  }

  /** A host with a {@code Clock} bean of its own, which one of its beans asks for by type. */
  @Configuration(proxyBeanMethods = false)
  static class HostWithAClock {
    static final Clock CLOCK = Clock.fixed(Instant.parse("1999-12-31T23:59:59Z"), ZoneOffset.UTC);

    record ClockUser(Clock clock) {
    }

    @Bean
    Clock hostClock() {
      return CLOCK;
    }

    @Bean
    ClockUser clockUser(Clock clock) {
      return new ClockUser(clock);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserClock {
    static final Instant FIXED = Instant.parse("2030-01-01T00:00:00Z");

    @Bean
    DndClock dndClock() {
      return new DndClock(Clock.fixed(FIXED, ZoneOffset.UTC));
    }
  }
}
