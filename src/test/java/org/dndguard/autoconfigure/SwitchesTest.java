package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;
import org.dndguard.messaging.Outbox;
import org.dndguard.store.DndSchema;
import org.dndguard.web.internal.ContactController;
import org.dndguard.web.internal.ContactDndController;
import org.dndguard.web.internal.DndSkipController;
import org.dndguard.web.internal.MailgunWebhookController;
import org.dndguard.web.internal.MessageController;
import org.dndguard.web.internal.TwilioWebhookController;
import org.dndguard.web.internal.UnsubscribeController;
import org.dndguard.web.internal.WorkflowRemovalController;
import org.dndguard.engine.camunda.ContactInstanceIndexPlugin;
import org.dndguard.workflow.WorkflowRemoval;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Each part of DND Guard has a switch of its own; off, the part adds nothing. */
class SwitchesTest {

  private static final Class<?>[] API = {ContactController.class, ContactDndController.class, DndSkipController.class,
      MessageController.class, WorkflowRemovalController.class};

  private WebApplicationContextRunner host(String database) {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, CamundaBpmAutoConfiguration.class,
            DndGuardAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
            "camunda.bpm.generate-unique-process-engine-name=true", "camunda.bpm.job-execution.enabled=false",
            "dnd.messaging.dispatch.enabled=false");
  }

  private WebApplicationContextRunner host() {
    return host("switches-" + UUID.randomUUID());
  }

  @Test
  void everyPartIsOnByDefault() {
    host().run(context -> {
      assertThat(context).hasNotFailed();
      for (Class<?> controller : API) {
        assertThat(context).hasSingleBean(controller);
      }
      assertThat(context).hasBean("dndApiFilter").hasBean("dndWebhookFilter")
          .hasSingleBean(MailgunWebhookController.class).hasSingleBean(TwilioWebhookController.class)
          .hasSingleBean(Outbox.class).hasBean("sendSms")
          .hasSingleBean(WorkflowRemoval.class).hasSingleBean(ContactInstanceIndexPlugin.class);
    });
  }

  @Test
  void withoutTheApiThereIsNoApiEndpointAndNoFilter() {
    host().withPropertyValues("dnd.api.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      for (Class<?> controller : API) {
        assertThat(context).doesNotHaveBean(controller);
      }
      assertThat(context).doesNotHaveBean("dndApiFilter").hasSingleBean(Outbox.class)
          .hasSingleBean(MailgunWebhookController.class);
      // the links in e-mail already sent are not part of the API: they keep working
      assertThat(context).hasSingleBean(UnsubscribeController.class);
    });
  }

  @Test
  void withoutWebhooksThereIsNoWebhookEndpoint() {
    host().withPropertyValues("dnd.webhooks.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(MailgunWebhookController.class)
          .doesNotHaveBean(TwilioWebhookController.class).doesNotHaveBean("dndWebhookFilter")
          .hasSingleBean(ContactController.class);
    });
  }

  @Test
  void withoutMessagingThereIsNoOutboxNoSendBeanAndNoMessagesApi() {
    host().withPropertyValues("dnd.messaging.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(Outbox.class).doesNotHaveBean("sendSms")
          .doesNotHaveBean(MessageController.class).hasSingleBean(ContactDndController.class);
    });
  }

  @Test
  void withoutWorkflowActionsThereIsNoIndexPluginNoRemovalAndNoRemovalEndpoint() {
    host().withPropertyValues("dnd.workflows.enabled=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(WorkflowRemoval.class).doesNotHaveBean(ContactInstanceIndexPlugin.class)
          .doesNotHaveBean(WorkflowRemovalController.class).doesNotHaveBean("updateDnd")
          .hasSingleBean(ContactDndController.class);
    });
  }

  @Test
  void withoutMigrationDndGuardRefusesToStartOnMissingTablesAndStartsOnesADbaCreated() {
    String database = "dba-" + UUID.randomUUID();
    host(database).withPropertyValues("dnd.schema.migrate=false").run(context ->
        assertThat(context).getFailure().rootCause()
            .hasMessageContaining("dnd.schema.migrate=false")
            .hasMessageContaining("DND_CONTACT")
            .hasMessageContaining("V1__contacts_and_dnd.sql"));

    // the DBA runs the scripts (here: DND Guard's Flyway, once), then DND Guard only checks
    host(database).run(context -> assertThat(context).hasNotFailed());
    host(database).withPropertyValues("dnd.schema.migrate=false").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(DndSchema.class);
    });
  }
}
