package org.dndguard.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.ProcessEngine;
import org.dndguard.autoconfigure.DndProperties;
import org.dndguard.testsupport.ProviderSigning;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One node of the cluster: a reference application with its own engine, job executor and outbox
 * dispatch, reached over HTTP on its random port as a load balancer would reach it. Webhooks are
 * signed as the providers sign them, for the public URL that every node shares.
 */
final class ClusterNode {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO = "Basic " + Base64.getEncoder()
      .encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

  private final String name;
  private final ConfigurableApplicationContext context;
  private final URI base;
  private final HttpClient http;
  private final DndProperties properties;

  ClusterNode(String name, ConfigurableApplicationContext context) {
    this.name = name;
    this.context = context;
    this.base = URI.create("http://localhost:"
        + ((WebServerApplicationContext) context).getWebServer().getPort());
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    this.properties = context.getBean(DndProperties.class);
  }

  String name() {
    return name;
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  <T> T bean(String name, Class<T> type) {
    return context.getBean(name, type);
  }

  RuntimeService runtime() {
    return bean(ProcessEngine.class).getRuntimeService();
  }

  /** The job executor's lock owner, which the job table names for the jobs this node has acquired. */
  String lockOwner() {
    return ((ProcessEngineConfigurationImpl) bean(ProcessEngine.class).getProcessEngineConfiguration())
        .getJobExecutor().getLockOwner();
  }

  boolean isRunning() {
    return context.isActive();
  }

  /** Stops the node as an operator would: the context closes, its job executor and dispatch with it. */
  void stop() {
    context.close();
  }

  // --- the API, as the demo user ---

  HttpResponse<String> api(String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", DEMO)
        .header("Accept", "application/json");
    if (json == null) {
      // the API refuses a POST without a JSON content type, even without a body
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return send(request.build());
  }

  // --- the webhooks ---

  /** A Twilio request, signed for the public URL of the path, as Twilio signs it. */
  HttpResponse<String> twilio(String path, Map<String, String> parameters) {
    String signature = ProviderSigning.twilio(properties.webhooks().twilio().authToken(),
        properties.webhooks().publicBaseUrl() + path, parameters);
    String form = parameters.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return post(path, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8),
        Map.of("X-Twilio-Signature", signature));
  }

  /** A Mailgun event, signed with the given timestamp and token. */
  HttpResponse<String> mailgun(Map<String, Object> eventData, Instant signedAt, String token) {
    return post("/webhooks/mailgun", "application/json", mailgunBody(eventData, signedAt, token), Map.of());
  }

  private byte[] mailgunBody(Map<String, Object> eventData, Instant signedAt, String token) {
    String timestamp = Long.toString(signedAt.getEpochSecond());
    Map<String, Object> signature = new LinkedHashMap<>();
    signature.put("timestamp", timestamp);
    signature.put("token", token);
    signature.put("signature", ProviderSigning.mailgun(properties.webhooks().mailgun().signingKey(), timestamp,
        token));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("signature", signature);
    body.put("event-data", eventData);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a mail client sends for RFC 8058's one-click unsubscribe, to the path of a link. */
  HttpResponse<String> oneClickUnsubscribe(String path) {
    return post(path, "application/x-www-form-urlencoded",
        "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private HttpResponse<String> post(String path, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> json(String body) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = JSON.readValue(body, Map.class);
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
