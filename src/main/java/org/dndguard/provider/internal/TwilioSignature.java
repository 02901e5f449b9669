package org.dndguard.provider.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Twilio's {@code X-Twilio-Signature}: Base64(HMAC-SHA1(auth token, full URL + every POST
 * parameter's name and value, sorted by name)). The URL is the public one Twilio was given, built
 * from {@code dnd.webhooks.public-base-url}, not the one the request arrived at, so the check holds
 * behind a proxy. Twilio sometimes signs the URL with the scheme's default port and sometimes
 * without it, so both forms are accepted.
 */
public final class TwilioSignature {

  public static final String HEADER = "X-Twilio-Signature";
  public static final String AUTH_TOKEN_PROPERTY = "dnd.webhooks.twilio.auth-token";
  /** The property of the public URL that Twilio signs. */
  public static final String PUBLIC_BASE_URL_PROPERTY = "dnd.webhooks.public-base-url";

  private static final String ALGORITHM = "HmacSHA1";

  private final String authToken;
  private final String publicBaseUrl;
  // the base URL as configured and with its default port added or removed; the request's path and
  // query are appended as received, never parsed, so no query can make the check fail other than by
  // not matching
  private final Set<String> publicBaseUrls;

  /**
   * @param authToken the account's auth token; blank means not configured, and every request is refused
   * @param publicBaseUrl the URL of the application's root as Twilio reaches it; null or blank means not
   *     configured, and every request is refused
   * @throws IllegalArgumentException when the base URL is not an absolute http(s) URL
   */
  public TwilioSignature(String authToken, String publicBaseUrl) {
    this.authToken = authToken == null || authToken.isBlank() ? null : authToken.trim();
    // without a public URL no signature can be checked: every request is refused, naming the property
    this.publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : requireBaseUrl(publicBaseUrl);
    this.publicBaseUrls = this.publicBaseUrl == null ? Set.of() : withAndWithoutDefaultPort(this.publicBaseUrl);
  }

  /**
   * Verifies a request.
   *
   * @param path the webhook's path, e.g. {@code /webhooks/twilio/sms}
   * @param rawQuery the request's query string as received, or null
   * @param parameters the POST parameters, decoded, in the order received
   * @param signature the {@code X-Twilio-Signature} header, or null
   * @throws WebhookNotConfiguredException when no auth token is configured
   * @throws WebhookSignatureException when the signature is missing or does not match
   */
  public void verify(String path, String rawQuery, Map<String, List<String>> parameters, String signature) {
    if (authToken == null) {
      throw new WebhookNotConfiguredException("Twilio", AUTH_TOKEN_PROPERTY);
    }
    if (publicBaseUrl == null) {
      throw new WebhookNotConfiguredException("Twilio", PUBLIC_BASE_URL_PROPERTY);
    }
    if (signature == null || signature.isBlank()) {
      throw new WebhookSignatureException(HEADER, "The request has no " + HEADER
          + " header; Twilio signs every webhook request, so this one is not from Twilio");
    }
    byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
    String pathAndQuery = path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    String url = publicBaseUrl + pathAndQuery;
    for (String base : publicBaseUrls) {
      byte[] expected = sign(authToken, base + pathAndQuery, parameters).getBytes(StandardCharsets.US_ASCII);
      // constant time, so the comparison does not tell an attacker how much of a guess was right
      if (MessageDigest.isEqual(expected, given)) {
        return;
      }
    }
    throw new WebhookSignatureException(HEADER, "The " + HEADER + " header does not match the request: it was"
        + " not signed with the auth token in " + AUTH_TOKEN_PROPERTY + " for the URL " + url
        + " (if Twilio calls a different address, set dnd.webhooks.public-base-url to it)");
  }

  /** The signature Twilio computes for a URL and POST parameters. */
  public static String sign(String authToken, String url, Map<String, List<String>> parameters) {
    StringBuilder data = new StringBuilder(url);
    // parameters sorted by name; a repeated name contributes each of its values, sorted
    for (Map.Entry<String, List<String>> parameter : new TreeMap<>(parameters).entrySet()) {
      parameter.getValue().stream().sorted().forEach(value -> data.append(parameter.getKey()).append(value));
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA1 is not available in this JVM", e);
    }
  }

  /**
   * The URL as given, and with the scheme's default port added or removed; for the base URL, which
   * the constructor has checked to be an absolute http(s) URL.
   */
  static Set<String> withAndWithoutDefaultPort(String url) {
    Set<String> urls = new LinkedHashSet<>();
    urls.add(url);
    URI uri = URI.create(url);
    int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    String authority = uri.getRawAuthority();
    String prefix = uri.getScheme() + "://";
    String rest = url.substring(prefix.length() + authority.length());
    String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
    if (uri.getPort() == -1) {
      urls.add(prefix + userInfo + uri.getHost() + ":" + defaultPort + rest);
    } else if (uri.getPort() == defaultPort) {
      urls.add(prefix + userInfo + uri.getHost() + rest);
    }
    return urls;
  }

  private static String requireBaseUrl(String baseUrl) {
    String trimmed = baseUrl == null ? "" : baseUrl.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new URISyntaxException(trimmed, "not an absolute http(s) URL without query");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("dnd.webhooks.public-base-url '" + baseUrl + "' is not the absolute"
          + " http(s) URL at which Twilio reaches this application, e.g. https://dnd.example.com");
    }
    return trimmed;
  }
}
