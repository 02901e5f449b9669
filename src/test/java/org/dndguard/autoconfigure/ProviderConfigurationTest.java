package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.dndguard.provider.internal.InboundSmsCorrelator;
import org.dndguard.provider.internal.MailgunSignature;
import org.dndguard.provider.internal.MailgunWebhooks;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.dndguard.testsupport.TestDatabases;
import org.dndguard.web.internal.MailgunWebhookController;
import org.dndguard.web.internal.TwilioWebhookController;
import org.dndguard.web.internal.WebhookProblemAdvice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The webhooks' wiring without an engine: the correlator is the one bean that needs Camunda, so the
 * test supplies its own, which also shows that the configuration backs off for a user's bean.
 */
class ProviderConfigurationTest {

  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
          DataSourceTransactionManagerAutoConfiguration.class))
      .withUserConfiguration(Infrastructure.class, StoreConfiguration.class, ProviderConfiguration.class);

  @Test
  void defaultsAreBound() {
    web.run(context -> {
      assertThat(context).hasNotFailed();
      WebhookProperties webhooks = context.getBean(DndProperties.class).webhooks();
      assertThat(webhooks.publicBaseUrl()).as("no default: a deployment names its own").isNull();
      assertThat(webhooks.maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
      assertThat(webhooks.mailgun().timestampWindow()).isEqualTo(Duration.ofMinutes(5));
      assertThat(webhooks.mailgun().signingKey()).isNull();
      assertThat(webhooks.twilio().authToken()).isNull();
      assertThat(webhooks.twilio().helpReply()).contains("STOP");
      assertThat(webhooks.twilio().optOutReply()).contains("START");
    });
  }

  @Test
  void aServletApplicationGetsTheControllersAndTheirAdvice() {
    web.run(context -> assertThat(context)
        .hasSingleBean(MailgunWebhookController.class)
        .hasSingleBean(TwilioWebhookController.class)
        .hasSingleBean(WebhookProblemAdvice.class)
        .hasSingleBean(MailgunWebhooks.class)
        .hasSingleBean(TwilioWebhooks.class));
  }

  @Test
  void anApplicationWithoutAWebServerGetsTheHandlersOnly() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class))
        .withUserConfiguration(Infrastructure.class, StoreConfiguration.class, ProviderConfiguration.class)
        .run(context -> assertThat(context)
            .hasSingleBean(MailgunWebhooks.class)
            .doesNotHaveBean(MailgunWebhookController.class));
  }

  @Test
  void backsOffForAUsersBean() {
    web.withBean("mine", MailgunSignature.class, () -> new MailgunSignature("k", Duration.ofMinutes(1),
            Clock.systemUTC()))
        .run(context -> assertThat(context).getBean(MailgunSignature.class)
            .isSameAs(context.getBean("mine")));
  }

  @Test
  void aVoiceResponseThatIsNotTwimlStopsTheStartNamingTheProperty() {
    web.withPropertyValues("dnd.webhooks.twilio.voice-response=<Say>unclosed")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("dnd.webhooks.twilio.voice-response is not well-formed TwiML"));
  }

  @Test
  void aPublicBaseUrlThatIsNotOneStopsTheStartNamingTheProperty() {
    web.withPropertyValues("dnd.webhooks.public-base-url=dnd.example.com")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("dnd.webhooks.public-base-url 'dnd.example.com' is not the absolute http(s) URL"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DndProperties.class)
  static class Infrastructure {

    @Bean
    DataSource dataSource() {
      return TestDatabases.h2();
    }

    @Bean
    InboundSmsCorrelator inboundSmsCorrelator() {
      // never called here: these tests only wire and bind
      return InboundSmsCorrelator.byVariable(null, "contactId", new org.dndguard.testsupport.NoDeliveries(), null);
    }
  }
}
