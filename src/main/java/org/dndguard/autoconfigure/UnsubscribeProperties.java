package org.dndguard.autoconfigure;

import java.time.Instant;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One-click unsubscribe links (RFC 8058) in outbox e-mail, under {@code dnd.unsubscribe}.
 *
 * @param path the path of the public unsubscribe endpoint, appended to
 *     {@code dnd.webhooks.public-base-url}; the link is {@code <public-base-url><path>/<token>}.
 *     Defaults to {@code /dnd/unsubscribe}; the reference application uses {@code /unsubscribe}
 * @param secret the HMAC key of the links' tokens, at least 16 characters, the same on every node
 *     and kept across restarts (a link made with another key is refused). Empty by default: then DND
 *     Guard generates one once and keeps it in its table {@code DND_SECRET}, so that every node and
 *     every restart signs and accepts the same links
 * @param previousSecret the key the links were signed with before {@code secret} was changed; links
 *     signed with it are still accepted until {@code previousValidUntil}. Empty by default: then,
 *     when {@code secret} is set and DND Guard had generated a key before, that generated key is the
 *     previous one
 * @param previousValidUntil until when links signed with the previous key (configured or generated)
 *     are accepted, e.g. {@code 2027-03-01T00:00:00Z}; unset, they are refused at once. Required with
 *     {@code previousSecret}
 */
public record UnsubscribeProperties(
    @DefaultValue(UnsubscribeProperties.DEFAULT_PATH) String path,
    @DefaultValue("") String secret,
    @DefaultValue("") String previousSecret,
    Instant previousValidUntil) {

  /** The library's default path. */
  public static final String DEFAULT_PATH = "/dnd/unsubscribe";

  public UnsubscribeProperties {
    if (path == null || !path.startsWith("/") || path.endsWith("/") || path.contains("{") || path.contains("*")) {
      throw new IllegalArgumentException("dnd.unsubscribe.path is '" + path + "'; give a path that starts with /"
          + " and does not end with one, e.g. /unsubscribe");
    }
    if (secret != null && !secret.isEmpty() && secret.length() < 16) {
      throw new IllegalArgumentException("dnd.unsubscribe.secret has " + secret.length() + " characters; give at"
          + " least 16 (e.g. 32 random characters), the same on every node");
    }
    if (previousSecret != null && !previousSecret.isEmpty()) {
      if (previousSecret.length() < 16) {
        throw new IllegalArgumentException("dnd.unsubscribe.previous-secret has " + previousSecret.length()
            + " characters; give the secret the links were signed with before, at least 16 characters");
      }
      if (previousValidUntil == null) {
        throw new IllegalArgumentException("dnd.unsubscribe.previous-secret is set without"
            + " dnd.unsubscribe.previous-valid-until: set until when links signed with it are accepted, e.g."
            + " 2027-03-01T00:00:00Z");
      }
    }
  }

  /** Whether the deployment configured unsubscribe links itself (a secret, a path of its own or a rotation). */
  boolean configured() {
    return !(secret == null || secret.isEmpty()) || !DEFAULT_PATH.equals(path)
        || !(previousSecret == null || previousSecret.isEmpty()) || previousValidUntil != null;
  }
}
