package org.dndguard.autoconfigure;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One-click unsubscribe links (RFC 8058) in outbox e-mail, under {@code dnd.unsubscribe}.
 *
 * @param path the path of the public unsubscribe endpoint, appended to
 *     {@code dnd.webhooks.public-base-url}; the link is {@code <public-base-url><path>/<token>}.
 *     Defaults to {@code /dnd/unsubscribe}; the reference application uses {@code /unsubscribe}
 * @param secret the HMAC key of the links' tokens, at least 16 characters, the same on every node
 *     and kept across restarts (a link made with another key is refused). Empty by default: then a
 *     random key is made at start, with a warning, and links stop working at the next restart
 */
public record UnsubscribeProperties(
    @DefaultValue("/dnd/unsubscribe") String path,
    @DefaultValue("") String secret) {

  public UnsubscribeProperties {
    if (path == null || !path.startsWith("/") || path.endsWith("/") || path.contains("{") || path.contains("*")) {
      throw new IllegalArgumentException("dnd.unsubscribe.path is '" + path + "'; give a path that starts with /"
          + " and does not end with one, e.g. /unsubscribe");
    }
    if (secret != null && !secret.isEmpty() && secret.length() < 16) {
      throw new IllegalArgumentException("dnd.unsubscribe.secret has " + secret.length() + " characters; give at"
          + " least 16 (e.g. 32 random characters), the same on every node");
    }
  }
}
