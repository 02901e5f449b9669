package org.dndguard.provider.internal;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a form-encoded body ({@code application/x-www-form-urlencoded}), as Twilio
 * posts them. Parsed here from the raw body rather than by the servlet container, whose parser
 * silently drops what it cannot read: a parameter lost that way would break the signature or, worse,
 * change what the request means.
 */
public final class FormParameters {

  private final Map<String, List<String>> values;

  private FormParameters(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * Parses a form-encoded body.
   *
   * @throws MalformedWebhookException when the body is not form-encoded text
   */
  public static FormParameters parse(byte[] body, Charset charset) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    String text = new String(body, charset);
    if (!text.isEmpty()) {
      for (String pair : text.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), charset);
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), charset);
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    values.replaceAll((name, list) -> List.copyOf(list));
    return new FormParameters(Collections.unmodifiableMap(values));
  }

  /** Every parameter with its values, in the order received: what Twilio signed. */
  public Map<String, List<String>> asMap() {
    return values;
  }

  /** The parameter's first value, or null when absent. */
  public String get(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? null : list.get(0);
  }

  /**
   * The parameter's value, trimmed.
   *
   * @throws MalformedWebhookException naming the parameter when it is absent or blank
   */
  public String require(String name, String what) {
    String value = get(name);
    if (value == null || value.isBlank()) {
      throw new MalformedWebhookException(name, "The form parameter " + name + " is missing; Twilio sends it"
          + " with every " + what);
    }
    return value.trim();
  }

  private static String decode(String encoded, Charset charset) {
    try {
      return URLDecoder.decode(encoded, charset);
    } catch (IllegalArgumentException e) {
      throw new MalformedWebhookException("body", "The body is not form-encoded: '" + abbreviate(encoded)
          + "' has a broken %-escape");
    }
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
