package org.dndguard.messaging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

  /**
   * @param secret the HMAC key; the same on every node, kept across restarts
   * @param baseUrl the public URL the token is appended to, e.g. {@code https://dnd.example.com/unsubscribe}
   */
  public UnsubscribeLinks(String secret, String baseUrl) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("The unsubscribe secret must have at least 16 characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    String base = Objects.requireNonNull(baseUrl, "baseUrl");
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The link of a message: {@code <baseUrl>/<token>}. */
  public String url(OutboxMessage message) {
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

  /** Whether the token is the one for this message, compared in constant time. */
  public boolean matches(String token, OutboxMessage message) {
    int dot = token.indexOf('.');
    byte[] given;
    try {
      given = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, mac(message.id(), message.contactId(), message.topic()));
  }

  private byte[] mac(long messageId, String contactId, String topic) {
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
