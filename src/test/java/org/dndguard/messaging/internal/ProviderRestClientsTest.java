package org.dndguard.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/** The provider dispatchers' HTTP client, against a real HTTP server on loopback standing in for a provider. */
class ProviderRestClientsTest {

  /** What the stand-in received: path, protocol and headers of each request. */
  private record Received(String path, String protocol, Map<String, List<String>> headers) {
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch answerSlowly = new CountDownLatch(1);
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private HttpServer provider;
  private String baseUrl;

  @BeforeEach
  void startProvider() throws IOException {
    provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    provider.createContext("/", exchange -> {
      received.add(new Received(exchange.getRequestURI().getPath(), exchange.getProtocol(),
          Map.copyOf(exchange.getRequestHeaders())));
      if (exchange.getRequestURI().getPath().endsWith("/slow")) {
        try {
          answerSlowly.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    provider.setExecutor(threads);
    provider.start();
    baseUrl = "http://127.0.0.1:" + provider.getAddress().getPort();
  }

  @AfterEach
  void stopProvider() {
    answerSlowly.countDown();
    provider.stop(0);
    threads.shutdownNow();
  }

  @Test
  void speaksHttp11BelowTheBaseUrlWithoutAskingToUpgrade() {
    RestClient client = ProviderRestClients.create(RestClient.builder(), "  " + baseUrl + "/v3/ ",
        Duration.ofSeconds(5), Duration.ofSeconds(5));

    String answer = client.get().uri("/messages").retrieve().body(String.class);

    assertThat(answer).isEqualTo("{\"ok\":true}");
    assertThat(received).singleElement().satisfies(request -> {
      assertThat(request.path()).as("the base URL's trailing slash dropped").isEqualTo("/v3/messages");
      assertThat(request.protocol()).isEqualTo("HTTP/1.1");
      assertThat(request.headers()).as("no h2c upgrade asked of a plain-HTTP provider")
          .doesNotContainKeys("Upgrade", "Http2-settings", "HTTP2-Settings");
    });
  }

  @Test
  void aProviderThatAnswersTooLateFailsAtTheReadTimeout() {
    RestClient client = ProviderRestClients.create(RestClient.builder(), baseUrl, Duration.ofSeconds(5),
        Duration.ofMillis(300));

    assertThatThrownBy(() -> client.get().uri("/slow").retrieve().body(String.class))
        .isInstanceOf(ResourceAccessException.class)
        .hasRootCauseInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void aPathBelowABaseUrlIsTheSameWithOrWithoutItsTrailingSlash() {
    assertThat(ProviderRestClients.url("https://dnd.example.com/", "/dnd/webhooks/twilio/status"))
        .isEqualTo("https://dnd.example.com/dnd/webhooks/twilio/status");
    assertThat(ProviderRestClients.url("https://dnd.example.com", "/dnd/webhooks/twilio/status"))
        .isEqualTo("https://dnd.example.com/dnd/webhooks/twilio/status");
  }
}
