package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests that are wrong in shape rather than in content: every one is a problem, never a stack trace. */
class ApiErrorsTest extends ReferenceAppApiTest {

  String contact;

  @BeforeEach
  void setUp() {
    contact = "/api/contacts/" + newContactId();
  }

  @Test
  void malformedJsonIs400SayingWhere() {
    JsonNode problem = assertProblem(http.put(contact, "{\"phone\": \"+14155550100\""), 400,
        "urn:dndguard:problem:invalid-input");

    assertThat(problem.path("field").asText()).isEqualTo("body");
    assertThat(problem.path("detail").asText()).startsWith("The request body is not valid JSON").contains("line 1");
  }

  @Test
  void aMissingBodyIs400() {
    JsonNode problem = assertProblem(http.send("PUT", contact, null, null), 400, "urn:dndguard:problem:invalid-input");

    assertThat(problem.path("detail").asText()).contains("needs a JSON body");
  }

  @Test
  void aMemberOfTheWrongTypeIs400NamingIt() {
    JsonNode problem = assertProblem(http.put(contact, "{\"phone\": [\"+14155550100\"]}"), 400,
        "urn:dndguard:problem:invalid-input");

    assertThat(problem.path("field").asText()).isEqualTo("phone");
    assertThat(problem.path("detail").asText()).contains("Field 'phone' must be a string");
  }

  @Test
  void aBodyThatIsNotAnObjectIs400() {
    JsonNode problem = assertProblem(http.put(contact, "[1, 2]"), 400, "urn:dndguard:problem:invalid-input");

    assertThat(problem.path("detail").asText()).contains("must be a JSON object");
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    ApiHttp.Response response = http.send("PUT", contact, "phone=+14155550100", "application/x-www-form-urlencoded");

    JsonNode problem = assertProblem(response, 415, "urn:dndguard:problem:unsupported-media-type");
    assertThat(problem.path("detail").asText()).contains("application/x-www-form-urlencoded");
  }

  @Test
  void anUnknownPathIs404() {
    JsonNode problem = assertProblem(http.get("/api/contacts-of-nobody"), 404, "urn:dndguard:problem:not-found");

    assertThat(problem.path("detail").asText())
        .isEqualTo("No DND Guard endpoint answers GET /api/contacts-of-nobody; the endpoints are listed in the"
            + " OpenAPI document (/v3/api-docs)");
    assertThat(problem.path("instance").asText()).isEqualTo("/api/contacts-of-nobody");
  }

  @Test
  void anUnknownPathBelowAContactIs404() {
    assertProblem(http.get(contact + "/dnd/channels"), 404, "urn:dndguard:problem:not-found");
  }

  @Test
  void aMethodThePathDoesNotAllowIs405WithTheAllowedOnes() {
    ApiHttp.Response response = http.post(contact, "{}");

    JsonNode problem = assertProblem(response, 405, "urn:dndguard:problem:method-not-allowed");
    assertThat(problem.path("detail").asText()).startsWith("POST is not allowed on " + contact + "; allowed: ");
    assertThat(response.header("Allow")).hasValueSatisfying(
        allow -> assertThat(Arrays.stream(allow.split(",")).map(String::trim)).containsExactlyInAnyOrder("GET", "PUT"));
  }

  @Test
  void aMethodNoDndEndpointAllowsIs405() {
    ApiHttp.Response response = http.send("PATCH", contact + "/dnd/channels/SMS", "{}", "application/json");

    assertProblem(response, 405, "urn:dndguard:problem:method-not-allowed");
    assertThat(response.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("PUT", "DELETE"));
  }
  @ParameterizedTest
  @ValueSource(strings = {"/api/contacts/a;b", "/api/contacts/a%3Bb", "/api/contacts/a%25b", "/api//contacts/a"})
  void aUrlTheFirewallRejectsIs400(String path) {
    JsonNode problem = assertProblem(http.get(path), 400, "urn:dndguard:problem:bad-request");

    assertThat(problem.path("detail").asText()).startsWith("The request was rejected because the URL")
        .contains("a contact id in a URL cannot contain");
    assertThat(problem.path("instance").asText()).isEqualTo(path);
  }

  @Test
  void aWebhookUrlTheFirewallRejectsIs400() {
    ApiHttp.Response response = http.send("POST", "/webhooks/twilio/sms;jsessionid=x", "Body=STOP",
        "application/x-www-form-urlencoded");

    assertProblem(response, 400, "urn:dndguard:problem:bad-request");
  }

  @Test
  void aRejectedUrlOfTheHostsOwnKeepsTheHostsAnswer() {
    ApiHttp.Response response = http.get("/actuator/health;x");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).doesNotStartWith("application/problem+json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/contacts/a%2Fb", "/api/contacts/a%5Cb", "/api/contacts/a%00b",
      "/api/contacts/%E0%A4%A", "/webhooks/twilio/sms%2F"})
  void aUrlTomcatCannotDecodeIsAnsweredByTomcatItself(String path) {
    // docs/http-api.md says so: Tomcat answers these before any filter or servlet of the application runs
    String response = rawGet(path);

    assertThat(response).startsWith("HTTP/1.1 400 ").doesNotContainIgnoringCase("application/problem+json")
        .doesNotContain("at org.");
  }

  /** GETs a path as written, which java.net.URI may refuse, over a plain socket; answers the whole response. */
  private String rawGet(String path) {
    String head = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
        + "\r\nAuthorization: Basic ZGVtbzpkZW1v\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket("localhost", port)) {
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
