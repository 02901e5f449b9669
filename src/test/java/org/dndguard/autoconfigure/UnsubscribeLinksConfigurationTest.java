package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.messaging.MessageRequest;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.messaging.internal.UnsubscribeLinks;
import org.dndguard.store.ContactService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Links that work (issue 21): without {@code dnd.webhooks.public-base-url}, an application that
 * configures what puts its address in links or signatures does not start, and says what to set;
 * without {@code dnd.unsubscribe.secret}, the key of unsubscribe links is generated once and kept in
 * DND Guard's tables, so that a restart (or another node) accepts the links; a rotation keeps old
 * links working until the configured time.
 */
class UnsubscribeLinksConfigurationTest {

  private static final String PUBLIC_URL = "dnd.webhooks.public-base-url=https://dnd.example.com";

  /** E-mail without a provider is queued only where the deployment chose the logging dispatcher. */

  private static final String LOG_ONLY = "dnd.messaging.dispatch.log-only=true";

  // --- the public URL ---

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "dnd.messaging.twilio (Twilio's status callbacks)|dnd.messaging.twilio.account-sid=AC1,"
          + "dnd.messaging.twilio.auth-token=t,dnd.messaging.twilio.from=+15005550006",
      "dnd.messaging.mailgun (the unsubscribe links of its e-mail)|dnd.messaging.mailgun.api-key=k,"
          + "dnd.messaging.mailgun.domain=mg.example.com,dnd.messaging.mailgun.from=care@mg.example.com",
      "dnd.webhooks.twilio.auth-token (Twilio signs the public URL of each webhook)|"
          + "dnd.webhooks.twilio.auth-token=a-real-token",
      "dnd.unsubscribe (the one-click unsubscribe links)|dnd.unsubscribe.secret=a-secret-of-the-deployment",
      "dnd.unsubscribe (the one-click unsubscribe links)|dnd.unsubscribe.path=/unsubscribe"})
  void withoutThePublicUrlWhatNeedsItStopsTheStartNamingTheProperty(String what, String settings) {
    MessagingContexts.onH2().withPropertyValues(settings.split(",")).run(context ->
        assertThat(context).getFailure().rootCause()
            .hasMessageContaining("dnd.webhooks.public-base-url is not set, but " + what + " needs it")
            .hasMessageContaining("set dnd.webhooks.public-base-url to the URL at which providers and recipients"
                + " reach this application, e.g. https://dnd.example.com"));
  }

  @Test
  void withThePublicUrlTheSameSettingsStartAndLinksNameIt() {
    MessagingContexts.onH2().withPropertyValues(PUBLIC_URL, "dnd.messaging.mailgun.api-key=k",
        "dnd.messaging.mailgun.domain=mg.example.com", "dnd.messaging.mailgun.from=care@mg.example.com",
        "dnd.webhooks.twilio.auth-token=a-real-token", "dnd.unsubscribe.path=/unsubscribe").run(context -> {
          assertThat(context).hasNotFailed();
          OutboxMessage email = email(context.getBean(ContactService.class), context.getBean(Outbox.class));
          assertThat(context.getBean(UnsubscribeLinks.class).url(email))
              .startsWith("https://dnd.example.com/unsubscribe/" + email.id() + ".");
        });
  }

  @Test
  void withNothingThatNeedsItTheApplicationStartsButMakesNoLink() {
    // no provider: e-mail is only logged (dnd.messaging.dispatch.log-only), which makes no link either
    MessagingContexts.onH2().withPropertyValues(LOG_ONLY).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(DndProperties.class).webhooks().publicBaseUrl()).isNull();
      OutboxMessage email = email(context.getBean(ContactService.class), context.getBean(Outbox.class));
      assertThatThrownBy(() -> context.getBean(UnsubscribeLinks.class).url(email))
          .hasMessageContaining("set dnd.webhooks.public-base-url");
    });
  }

  // --- the key of the links ---

  @Test
  void withoutASecretTheGeneratedKeySurvivesARestart() {
    String database = sharedH2();
    AtomicReference<String> link = new AtomicReference<>();
    AtomicReference<OutboxMessage> sent = new AtomicReference<>();
    runner(database).run(first -> {
      OutboxMessage email = email(first.getBean(ContactService.class), first.getBean(Outbox.class));
      sent.set(email);
      link.set(first.getBean(UnsubscribeLinks.class).url(email));
    });

    runner(database).run(restarted -> {
      UnsubscribeLinks links = restarted.getBean(UnsubscribeLinks.class);
      assertThat(links.matches(token(link.get()), sent.get())).isTrue();
      assertThat(links.url(sent.get())).isEqualTo(link.get());
    });
    // another database has a key of its own: the link is not accepted there
    runner(sharedH2()).run(other -> assertThat(other.getBean(UnsubscribeLinks.class)
        .matches(token(link.get()), sent.get())).isFalse());
  }

  @Test
  void aNewSecretKeepsTheGeneratedKeysLinksWorkingUntilTheConfiguredTime() {
    String database = sharedH2();
    AtomicReference<String> oldLink = new AtomicReference<>();
    AtomicReference<OutboxMessage> sent = new AtomicReference<>();
    runner(database).run(first -> {
      sent.set(email(first.getBean(ContactService.class), first.getBean(Outbox.class)));
      oldLink.set(first.getBean(UnsubscribeLinks.class).url(sent.get()));
    });
    String newSecret = "dnd.unsubscribe.secret=the-new-secret-of-2027";

    runner(database).withPropertyValues(newSecret, "dnd.unsubscribe.previous-valid-until=" + Instant.now()
        .plusSeconds(86_400)).run(rotated -> {
          UnsubscribeLinks links = rotated.getBean(UnsubscribeLinks.class);
          assertThat(links.matches(token(oldLink.get()), sent.get())).as("an old link, within the time").isTrue();
          assertThat(links.url(sent.get())).as("new links are signed with the new secret").isNotEqualTo(oldLink.get());
          assertThat(links.matches(token(links.url(sent.get())), sent.get())).isTrue();
        });
    runner(database).withPropertyValues(newSecret, "dnd.unsubscribe.previous-valid-until=" + Instant.now()
        .minusSeconds(1)).run(later -> assertThat(later.getBean(UnsubscribeLinks.class)
            .matches(token(oldLink.get()), sent.get())).as("an old link, after the time").isFalse());
    runner(database).withPropertyValues(newSecret).run(withoutRotation -> assertThat(withoutRotation
        .getBean(UnsubscribeLinks.class).matches(token(oldLink.get()), sent.get())).isFalse());
  }

  @Test
  void aPreviousSecretIsAcceptedUntilItsTime() {
    String database = sharedH2();
    AtomicReference<String> oldLink = new AtomicReference<>();
    AtomicReference<OutboxMessage> sent = new AtomicReference<>();
    runner(database).withPropertyValues("dnd.unsubscribe.secret=the-old-secret-of-2026").run(first -> {
      sent.set(email(first.getBean(ContactService.class), first.getBean(Outbox.class)));
      oldLink.set(first.getBean(UnsubscribeLinks.class).url(sent.get()));
    });

    runner(database).withPropertyValues("dnd.unsubscribe.secret=the-new-secret-of-2027",
        "dnd.unsubscribe.previous-secret=the-old-secret-of-2026",
        "dnd.unsubscribe.previous-valid-until=" + Instant.now().plusSeconds(86_400)).run(rotated ->
            assertThat(rotated.getBean(UnsubscribeLinks.class).matches(token(oldLink.get()), sent.get())).isTrue());
    runner(database).withPropertyValues("dnd.unsubscribe.secret=the-new-secret-of-2027",
        "dnd.unsubscribe.previous-secret=the-old-secret-of-2026").run(context ->
            assertThat(context).getFailure().rootCause().hasMessageContaining(
                "dnd.unsubscribe.previous-secret is set without dnd.unsubscribe.previous-valid-until"));
  }

  private static ApplicationContextRunner runner(String database) {
    return MessagingContexts.on(database).withPropertyValues(PUBLIC_URL, LOG_ONLY);
  }

  /** An H2 database that outlives one context, as a file database outlives a restart. */
  private static String sharedH2() {
    return MessagingContexts.newH2Url() + ";DB_CLOSE_DELAY=-1";
  }

  private static String token(String link) {
    return link.substring(link.lastIndexOf('/') + 1);
  }

  private static OutboxMessage email(ContactService contacts, Outbox outbox) {
    String contactId = "ann-" + System.nanoTime();
    contacts.register(contactId, new ContactAddresses(null, contactId + "@example.com", null, null, null),
        Evidence.user("t", Instant.now()));
    long id = outbox.queue(MessageRequest.fromWorkflow(contactId, Channel.EMAIL, "Hello", "Hi", "pi", "send")).id();
    return outbox.find(id).orElseThrow();
  }
}
