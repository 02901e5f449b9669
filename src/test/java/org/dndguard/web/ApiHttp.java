package org.dndguard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A plain HTTP client for the reference app on its random port: it sends exactly what a curl
 * user would (no redirects followed, no retries), with or without HTTP Basic credentials.
 */
public final class ApiHttp {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final String base;
  private final String authorization;

  private ApiHttp(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** As the reference app's admin, demo/demo. */
  static ApiHttp demo(int port) {
    return new ApiHttp("http://localhost:" + port, basic("demo", "demo"));
  }

  ApiHttp as(String user, String password) {
    return new ApiHttp(base, basic(user, password));
  }

  ApiHttp anonymous() {
    return new ApiHttp(base, null);
  }

  Response get(String path) {
    return send("GET", path, null, null);
  }

  /** A GET that asks for a media type, e.g. {@code text/csv}. */
  Response get(String path, String accept) {
    return send("GET", path, null, null, accept);
  }

  Response put(String path, String json) {
    return send("PUT", path, json, "application/json");
  }

  Response delete(String path, String json) {
    return send("DELETE", path, json, json == null ? null : "application/json");
  }

  /** A POST with the JSON content type, also without a body, as the API asks of every POST. */
  Response post(String path, String json) {
    return send("POST", path, json, "application/json");
  }

  Response send(String method, String path, String body, String contentType) {
    return send(method, path, body, contentType, null);
  }

  private Response send(String method, String path, String body, String contentType, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  record Response(int status, HttpResponse<String> raw, String body) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    String contentType() {
      return header("Content-Type").orElse("");
    }

    Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
