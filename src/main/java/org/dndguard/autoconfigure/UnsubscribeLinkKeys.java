package org.dndguard.autoconfigure;

import java.time.Clock;
import java.util.Optional;
import org.dndguard.messaging.internal.UnsubscribeLinks;
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
final class UnsubscribeLinkKeys {

  private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeLinkKeys.class);

  private UnsubscribeLinkKeys() {
  }

  static UnsubscribeLinks links(DndProperties properties, GeneratedSecrets generated, Clock clock) {
    UnsubscribeProperties unsubscribe = properties.unsubscribe();
    boolean configured = !isEmpty(unsubscribe.secret());
    String secret = configured ? unsubscribe.secret() : generated.getOrCreate(GeneratedSecrets.UNSUBSCRIBE_LINKS);
    Optional<UnsubscribeLinks.PreviousSecret> previous = Optional.empty();
    if (unsubscribe.previousValidUntil() != null) {
      Optional<String> old = !isEmpty(unsubscribe.previousSecret()) ? Optional.of(unsubscribe.previousSecret())
          : configured ? generated.find(GeneratedSecrets.UNSUBSCRIBE_LINKS) : Optional.empty();
      previous = old.filter(key -> !key.equals(secret))
          .map(key -> new UnsubscribeLinks.PreviousSecret(key, unsubscribe.previousValidUntil()));
      if (previous.isEmpty()) {
        LOG.warn("dnd.unsubscribe.previous-valid-until is set, but there is no previous key to accept: set"
            + " dnd.unsubscribe.previous-secret to the secret the links were signed with before");
      } else if (!clock.instant().isBefore(unsubscribe.previousValidUntil())) {
        LOG.info("Unsubscribe links signed with the previous key are refused since {}"
            + " (dnd.unsubscribe.previous-valid-until); the previous key can be removed", unsubscribe.previousValidUntil());
      }
    }
    String base = properties.webhooks().publicBaseUrl();
    return new UnsubscribeLinks(secret, base == null ? null : stripTrailingSlash(base) + unsubscribe.path(), previous,
        clock);
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
