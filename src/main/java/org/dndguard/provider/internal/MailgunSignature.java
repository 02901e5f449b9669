package org.dndguard.provider.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signature Mailgun puts in each event's {@code signature} object:
 * hex(HMAC-SHA256(signing key, timestamp + token)), and that the timestamp is within the window.
 * That the token has not been seen before is checked against the database ({@link ProviderEventLog}),
 * in the transaction that acts on the event, so a replay is refused on every node and after restarts.
 */
public final class MailgunSignature {

  public static final String SIGNING_KEY_PROPERTY = "dnd.webhooks.mailgun.signing-key";

  /** Mailgun's tokens are 50 characters; anything much longer is not one. */
  static final int MAX_TOKEN_LENGTH = 255;

  private static final String ALGORITHM = "HmacSHA256";

  private final String signingKey;
  private final Duration window;
  private final Clock clock;

  /**
   * @param signingKey the HTTP webhook signing key; blank means not configured, and every request is refused
   * @param window how far the timestamp may be from now, either way
   */
  public MailgunSignature(String signingKey, Duration window, Clock clock) {
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("dnd.webhooks.mailgun.timestamp-window must be positive, e.g. 5m; it is "
          + window);
    }
    this.signingKey = signingKey == null || signingKey.isBlank() ? null : signingKey.trim();
    this.window = window;
    this.clock = clock;
  }

  /**
   * Verifies a signature and returns the moment it was signed.
   *
   * @throws WebhookNotConfiguredException when no signing key is configured
   * @throws WebhookSignatureException when a part is missing, the signature does not match, or the
   *     timestamp is outside the window
   */
  public Instant verify(String timestamp, String token, String signature) {
    if (signingKey == null) {
      throw new WebhookNotConfiguredException("Mailgun", SIGNING_KEY_PROPERTY);
    }
    require("signature.signature", signature);
    require("signature.timestamp", timestamp);
    require("signature.token", token);
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new WebhookSignatureException("signature.token", "signature.token is " + token.length()
          + " characters long; Mailgun's tokens are 50, so this is not one of its signatures");
    }
    byte[] expected = sign(signingKey, timestamp, token).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    // constant time, so the comparison does not tell an attacker how much of a guess was right
    if (!MessageDigest.isEqual(expected, given)) {
      throw new WebhookSignatureException("signature.signature", "signature.signature does not match timestamp"
          + " and token: the event was not signed with the key in " + SIGNING_KEY_PROPERTY);
    }
    Instant signedAt = parseTimestamp(timestamp);
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(window) > 0) {
      throw new WebhookSignatureException("signature.timestamp", "signature.timestamp " + signedAt + " is more than "
          + window + " from now (" + now + "); a stale or early event is refused as a possible replay"
          + " (dnd.webhooks.mailgun.timestamp-window; check this server's clock)");
    }
    return signedAt;
  }

  /** The signature Mailgun computes for a timestamp and token. */
  public static String sign(String signingKey, String timestamp, String token) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
    }
  }

  public Duration window() {
    return window;
  }

  private static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new WebhookSignatureException(field, "The event has no " + field
          + "; Mailgun signs every event, so this one is not from Mailgun");
    }
  }

  private static Instant parseTimestamp(String timestamp) {
    try {
      return Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
    } catch (NumberFormatException | DateTimeException e) {
      throw new WebhookSignatureException("signature.timestamp", "signature.timestamp '" + timestamp
          + "' is not a number of seconds since 1970, as Mailgun sends it");
    }
  }
}
