package org.dndguard.messaging.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP clients of the provider dispatchers (Twilio, Mailgun): HTTP/1.1, with the dispatch's
 * connect and read timeouts, on the provider's base URL. HTTP/1.1 because both providers speak it
 * and a plain-HTTP stand-in (a test's, a proxy's) is then not asked to upgrade.
 */
public final class ProviderRestClients {

  private ProviderRestClients() {
  }

  /**
   * A client of one provider.
   *
   * @param builder the application's {@code RestClient.Builder} (its interceptors and observations), or a
   *     plain one
   * @param baseUrl the provider's API, e.g. {@code https://api.twilio.com}; surrounding blanks and a trailing
   *     slash are dropped
   * @param connectTimeout how long a connection may take to open
   * @param readTimeout how long the provider may take to answer
   */
  public static RestClient create(RestClient.Builder builder, String baseUrl, Duration connectTimeout,
      Duration readTimeout) {
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(readTimeout);
    return builder
        .baseUrl(url(baseUrl.trim(), ""))
        .requestFactory(requests)
        .build();
  }

  /**
   * A path below a base URL, so that {@code https://dnd.example.com/} and {@code https://dnd.example.com}
   * give the same URL.
   */
  public static String url(String baseUrl, String path) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base + path;
  }
}
