package org.dndguard.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dndguard.messaging.OutboxMessage;

/**
 * One-click unsubscribe links (RFC 8058) of outbox e-mail. A token is the outbox id and an
 * HMAC-SHA256, under a secret of the application, over that id, the contact and the message's
 * topic: without the secret no one can make a token, and a token changed to name another message
 * fails the check, since the HMAC is recomputed from what the outbox stored for the id it names.
 */
public final class UnsubscribeLinks {

  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final String baseUrl;
  private final Optional<PreviousSecret> previous;
  private final Clock clock;

  /**
   * @param secret the HMAC key; the same on every node, kept across restarts
   * @param baseUrl the public URL the token is appended to, e.g. {@code https://dnd.example.com/unsubscribe}
   */
  public UnsubscribeLinks(String secret, String baseUrl) {
    this(secret, Objects.requireNonNull(baseUrl, "baseUrl"), Optional.empty(), Clock.systemUTC());
  }

  /**
   * @param secret the HMAC key that signs links; the same on every node, kept across restarts
   * @param baseUrl the public URL the token is appended to, e.g. {@code https://dnd.example.com/unsubscribe};
   *     null when {@code dnd.webhooks.public-base-url} is not set: links are then checked but not made
   * @param previous the key links were signed with before, accepted until its time (a rotation)
   * @param clock the clock that says whether the previous key is still accepted
   */
  public UnsubscribeLinks(String secret, String baseUrl, Optional<PreviousSecret> previous, Clock clock) {
    this.key = key(secret);
    this.baseUrl = baseUrl == null ? null : baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1)
        : baseUrl;
    this.previous = Objects.requireNonNull(previous, "previous");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static SecretKeySpec key(String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("The unsubscribe secret must have at least 16 characters");
    }
    return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /**
   * The key links were signed with before a rotation, accepted (never used to sign) until {@code validUntil}.
   *
   * @param secret the previous HMAC key, at least 16 characters
   * @param validUntil the instant from which links signed with it are refused
   */
  public record PreviousSecret(String secret, Instant validUntil) {
    public PreviousSecret {
      key(secret);
      Objects.requireNonNull(validUntil, "validUntil");
    }
  }

  /**
   * The link of a message: {@code <baseUrl>/<token>}.
   *
   * @throws IllegalStateException when no public URL is configured
   */
  public String url(OutboxMessage message) {
    if (baseUrl == null) {
      throw new IllegalStateException("An unsubscribe link needs the application's public URL: set"
          + " dnd.webhooks.public-base-url, e.g. https://dnd.example.com");
    }
    return baseUrl + "/" + token(message.id(), message.contactId(), message.topic());
  }

  /** The token of a message. */
  public String token(long messageId, String contactId, String topic) {
    return messageId + "." + ENCODER.encodeToString(mac(messageId, contactId, topic));
  }

  /** The outbox id a token names, before it is checked; empty when it is not a token at all. */
  public static Optional<Long> messageId(String token) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot > 19) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(token.substring(0, dot)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the token is the one for this message, compared in constant time: signed with the key,
   * or with the previous key while that is still accepted.
   */
  public boolean matches(String token, OutboxMessage message) {
    int dot = token.indexOf('.');
    byte[] given;
    try {
      given = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (MessageDigest.isEqual(given, mac(key, message.id(), message.contactId(), message.topic()))) {
      return true;
    }
    return previous.filter(old -> clock.instant().isBefore(old.validUntil()))
        .map(old -> MessageDigest.isEqual(given, mac(key(old.secret()), message.id(), message.contactId(),
            message.topic())))
        .orElse(false);
  }

  private byte[] mac(long messageId, String contactId, String topic) {
    return mac(key, messageId, contactId, topic);
  }

  private static byte[] mac(SecretKeySpec key, long messageId, String contactId, String topic) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      // a separator that neither a contact id (no control characters) nor a topic can hold
      String signed = "v1\n" + messageId + "\n" + contactId + "\n" + (topic == null ? "" : topic);
      return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
