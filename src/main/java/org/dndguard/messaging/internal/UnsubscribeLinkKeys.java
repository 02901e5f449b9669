package org.dndguard.messaging.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.dndguard.store.internal.GeneratedSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which keys sign and check one-click unsubscribe links. The key that signs is
 * {@code dnd.unsubscribe.secret}, or, unset, one DND Guard generates once and keeps in
 * {@code DND_SECRET}, so that every node and every restart agree. A rotation keeps old links
 * working: {@code dnd.unsubscribe.previous-secret} (or, when a secret is set after DND Guard had
 * generated one, that generated key) is still accepted until {@code dnd.unsubscribe.previous-valid-until}.
 */
public final class UnsubscribeLinkKeys {

  private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeLinkKeys.class);

  private UnsubscribeLinkKeys() {
  }

  /**
   * What the deployment configured ({@code dnd.webhooks.public-base-url} and {@code dnd.unsubscribe.*}).
   *
   * @param publicBaseUrl the application's public URL; null when not set: links are then checked but not made
   * @param path the path of the unsubscribe endpoint below it
   * @param secret the configured key; null or empty to use the generated one
   * @param previousSecret the key links were signed with before; null or empty for none configured
   * @param previousValidUntil until when links signed with the previous key are accepted; null to refuse them
   */
  public record Settings(String publicBaseUrl, String path, String secret, String previousSecret,
      Instant previousValidUntil) {
  }

  /** The links, signed with the configured key or the generated one, accepting the previous key if any. */
  public static UnsubscribeLinks links(Settings settings, GeneratedSecrets generated, Clock clock) {
    boolean configured = !isEmpty(settings.secret());
    String secret = configured ? settings.secret() : generated.getOrCreate(GeneratedSecrets.UNSUBSCRIBE_LINKS);
    Optional<UnsubscribeLinks.PreviousSecret> previous = Optional.empty();
    Instant validUntil = settings.previousValidUntil();
    if (validUntil != null) {
      Optional<String> old = !isEmpty(settings.previousSecret()) ? Optional.of(settings.previousSecret())
          : configured ? generated.find(GeneratedSecrets.UNSUBSCRIBE_LINKS) : Optional.empty();
      previous = old.filter(key -> !key.equals(secret))
          .map(key -> new UnsubscribeLinks.PreviousSecret(key, validUntil));
      if (previous.isEmpty()) {
        LOG.warn("dnd.unsubscribe.previous-valid-until is set, but there is no previous key to accept: set"
            + " dnd.unsubscribe.previous-secret to the secret the links were signed with before");
      } else if (!clock.instant().isBefore(validUntil)) {
        LOG.info("Unsubscribe links signed with the previous key are refused since {}"
            + " (dnd.unsubscribe.previous-valid-until); the previous key can be removed", validUntil);
      }
    }
    String base = settings.publicBaseUrl();
    return new UnsubscribeLinks(secret, base == null ? null : ProviderRestClients.url(base, settings.path()),
        previous, clock);
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
