package org.dndguard.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the way Twilio and Mailgun do, written from their documentation independently of
 * the production verifiers, so that a test can catch a verifier that is wrong in the same way.
 * {@code ProviderSigningTest} checks it against the examples the providers publish.
 */
public final class ProviderSigning {

  private ProviderSigning() {
  }

  /**
   * Twilio's {@code X-Twilio-Signature}: the full URL, then each POST parameter's name and value,
   * sorted by name, signed with HMAC-SHA1 under the auth token, Base64 encoded.
   */
  public static String twilio(String authToken, String url, Map<String, String> parameters) {
    List<String> names = new ArrayList<>(parameters.keySet());
    names.sort(String::compareTo);
    StringBuilder signed = new StringBuilder(url);
    for (String name : names) {
      signed.append(name).append(parameters.get(name));
    }
    return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, signed.toString()));
  }

  /** As {@link #twilio(String, String, Map)} for a form with repeated names: each value, sorted, under its name. */
  public static String twilioRepeated(String authToken, String url, Map<String, List<String>> parameters) {
    StringBuilder signed = new StringBuilder(url);
    new java.util.TreeMap<>(parameters).forEach((name, values) ->
        values.stream().sorted().forEach(value -> signed.append(name).append(value)));
    return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, signed.toString()));
  }

  /** Mailgun's signature: HMAC-SHA256 of timestamp and token, concatenated, under the signing key, in hex. */
  public static String mailgun(String signingKey, String timestamp, String token) {
    StringBuilder hex = new StringBuilder();
    for (byte b : hmac("HmacSHA256", signingKey, timestamp + token)) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return hex.toString();
  }

  private static byte[] hmac(String algorithm, String key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
