package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.provider.TwilioWebhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Review findings on the reference application (real HTTP, real engine, real outbox). Each test
 * states what DESIGN.md / the issues / the README promise and fails on the merged main.
 */
class DndGuardReviewTest extends WebhookHttpTestSupport {

  @Autowired
  ProcessEngine processEngine;

  @Autowired
  RuntimeService runtimeService;

  // --- Finding: a bad query string on a Twilio webhook is a 500, unauthenticated ---

  @Test
  void aTwilioRequestWithABrokenPercentEscapeInItsQueryIsA400NotA500() {
    // java.net.URI refuses to build this URI, so the request is written by hand, as any client on the
    // network can; no signature or credentials are needed
    String form = WebhookClient.form(WebhookClient.inboundSms(newPhone(), "hello"));
    String status = rawPost(TwilioWebhooks.SMS_PATH + "?a=%zz", form);

    // issue 4, "What it must show" 5: malformed requests are 400 (or 403 for a bad signature), never 500
    assertThat(status).startsWith("HTTP/1.1 4");
  }

  // --- probe: errors the firewall or the container raise on /api ---

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"/api/contacts/a;b", "/api/contacts/a%2Fb",
      "/api/contacts/a%00b", "/api/contacts/%E0%A4%A"})
  void apiErrorsAreProblemJson(String path) {
    String response = rawRequest("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
        + "\r\nAuthorization: Basic ZGVtbzpkZW1v\r\nConnection: close\r\n\r\n", new byte[0]);
    // README: "Every error, of every endpoint under /api and /webhooks, is a problem (RFC 9457)"
    assertThat(response).as(response).containsIgnoringCase("Content-Type: application/problem+json");
  }

  private String rawRequest(String head, byte[] body) {
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** POSTs a form over a plain socket and answers the status line. */
  private String rawPost(String pathAndQuery, String form) {
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      byte[] body = form.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String head = "POST " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: x\r\n"
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8)).readLine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
