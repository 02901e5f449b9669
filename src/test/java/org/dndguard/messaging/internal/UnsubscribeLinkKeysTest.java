package org.dndguard.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.dndguard.contact.Channel;
import org.dndguard.messaging.MessageOrigin;
import org.dndguard.messaging.MessageStatus;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.store.DndSchema;
import org.dndguard.store.DndTables;
import org.dndguard.store.internal.GeneratedSecrets;
import org.dndguard.testsupport.MutableClock;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

/** Which key signs unsubscribe links and which old one is still accepted, on a real H2 database. */
class UnsubscribeLinkKeysTest {

  private static final String BASE = "https://dnd.example.com/";
  private static final String PATH = "/unsubscribe";
  private static final String CONFIGURED = "a-configured-secret-of-2027";
  private static final String OLD = "the-old-secret-of-2026";
  private static final Instant NOW = Instant.parse("2027-02-01T00:00:00Z");
  private static final OutboxMessage SENT = message(42, "c-42");

  private final MutableClock clock = new MutableClock(NOW);
  private final GeneratedSecrets generated = generatedSecrets(TestDatabases.h2());

  @Test
  void withoutASecretOneIsGeneratedOnceAndEveryStartSignsWithIt() {
    UnsubscribeLinks first = UnsubscribeLinkKeys.links(settings(null, null, null), generated, clock);
    UnsubscribeLinks second = UnsubscribeLinkKeys.links(settings("", "", null), generated, clock);

    String key = generated.find(GeneratedSecrets.UNSUBSCRIBE_LINKS).orElseThrow();
    assertThat(first.url(SENT)).isEqualTo(signedWith(key).url(SENT))
        .startsWith("https://dnd.example.com/unsubscribe/42.");
    assertThat(second.url(SENT)).isEqualTo(first.url(SENT));
  }

  @Test
  void aConfiguredSecretSignsAndNoneIsGenerated() {
    UnsubscribeLinks links = UnsubscribeLinkKeys.links(settings(CONFIGURED, null, null), generated, clock);

    assertThat(links.url(SENT)).isEqualTo(signedWith(CONFIGURED).url(SENT));
    assertThat(generated.find(GeneratedSecrets.UNSUBSCRIBE_LINKS)).isEmpty();
  }

  @Test
  void aConfiguredPreviousSecretIsAcceptedUntilItsTimeAndNeverSigns() {
    UnsubscribeLinks links = UnsubscribeLinkKeys.links(settings(CONFIGURED, OLD, NOW.plus(Duration.ofDays(30))),
        generated, clock);
    String oldToken = signedWith(OLD).token(SENT.id(), SENT.contactId(), null);

    assertThat(links.url(SENT)).isEqualTo(signedWith(CONFIGURED).url(SENT));
    assertThat(links.matches(oldToken, SENT)).isTrue();
    clock.set(NOW.plus(Duration.ofDays(30)));
    assertThat(links.matches(oldToken, SENT)).isFalse();
  }

  @Test
  void aSecretSetAfterAGeneratedOneKeepsTheGeneratedOneAsThePrevious() {
    String key = generated.getOrCreate(GeneratedSecrets.UNSUBSCRIBE_LINKS);
    String generatedToken = signedWith(key).token(SENT.id(), SENT.contactId(), null);

    UnsubscribeLinks rotated = UnsubscribeLinkKeys.links(settings(CONFIGURED, null, NOW.plus(Duration.ofDays(1))),
        generated, clock);
    UnsubscribeLinks withoutRotation = UnsubscribeLinkKeys.links(settings(CONFIGURED, null, null), generated, clock);

    assertThat(rotated.matches(generatedToken, SENT)).isTrue();
    assertThat(withoutRotation.matches(generatedToken, SENT)).as("no previous-valid-until: refused at once").isFalse();
  }

  @Test
  void withoutAPublicUrlLinksAreCheckedButNotMade() {
    UnsubscribeLinks links = UnsubscribeLinkKeys.links(
        new UnsubscribeLinkKeys.Settings(null, PATH, CONFIGURED, null, null), generated, clock);

    assertThat(links.matches(signedWith(CONFIGURED).token(SENT.id(), SENT.contactId(), null), SENT)).isTrue();
    assertThatThrownBy(() -> links.url(SENT))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("set dnd.webhooks.public-base-url");
  }

  private static UnsubscribeLinkKeys.Settings settings(String secret, String previousSecret, Instant validUntil) {
    return new UnsubscribeLinkKeys.Settings(BASE, PATH, secret, previousSecret, validUntil);
  }

  private static UnsubscribeLinks signedWith(String secret) {
    return new UnsubscribeLinks(secret, "https://dnd.example.com/unsubscribe");
  }

  private static GeneratedSecrets generatedSecrets(DataSource dataSource) {
    return new GeneratedSecrets(new DndTables(dataSource, DndSchema.migrate(dataSource)), Clock.systemUTC());
  }

  /** An e-mail of the outbox: only its id, contact and topic sign a link. */
  private static OutboxMessage message(long id, String contactId) {
    return new OutboxMessage(id, contactId, Channel.EMAIL, "ann@example.com", "News", "Hello", null, null, null,
        MessageOrigin.WORKFLOW, null, null, null, MessageStatus.SENT, 1, null, null, null, null, null, NOW, NOW, NOW,
        null, null, null);
  }
}
