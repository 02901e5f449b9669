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
}
