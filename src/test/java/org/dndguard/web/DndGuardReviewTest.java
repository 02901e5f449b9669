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

  // --- Finding: one instance whose next step fails keeps the text from the contact's other instances ---

  @Test
  void anInboundTextReachesTheOtherWaitingInstancesWhenOneInstancesNextStepFails() {
    String phone = newPhone();
    String contactId = contactWith(phone, null);
    String key = "review-reply-" + UUID.randomUUID().toString().substring(0, 8);
    processEngine.getRepositoryService().createDeployment().addString(key + ".bpmn", """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="review">
          <bpmn:message id="inboundSms" name="InboundSms"/>
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="waitForReply"/>
            <bpmn:intermediateCatchEvent id="waitForReply">
              <bpmn:messageEventDefinition messageRef="inboundSms"/>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="waitForReply" targetRef="notifyOwner"/>
            <bpmn:serviceTask id="notifyOwner" camunda:expression="${true}">
              <bpmn:extensionElements>
                <camunda:properties>
                  <camunda:property name="dnd.channel" value="SMS"/>
                  <camunda:property name="dnd.contact" value="${owner}"/>
                </camunda:properties>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f3" sourceRef="notifyOwner" targetRef="readReply"/>
            <bpmn:userTask id="readReply"/>
            <bpmn:sequenceFlow id="f4" sourceRef="readReply" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key)).deploy();
    // one instance without the variable its guarded step needs (the guard fails closed there)...
    ProcessInstance broken = runtimeService.startProcessInstanceByKey(key, Map.of("contactId", contactId));
    // ...and one that is fine
    ProcessInstance fine = runtimeService.startProcessInstanceByKey(key, Map.of("contactId", contactId,
        "owner", contactId));

    Map<String, String> text = WebhookClient.inboundSms(phone, "Yes please, 3pm");
    HttpResponse<String> response = client.twilio(TwilioWebhooks.SMS_PATH, text);
    // Twilio (or an operator) delivers the same text again after the error
    HttpResponse<String> again = client.twilio(TwilioWebhooks.SMS_PATH, text);

    // README: "each instance in a transaction of its own"; InboundSmsCorrelator: "an instance whose next
    // step fails does not keep the text from the others; its failure is logged and reported"
    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    soft.assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    soft.assertThat(runtimeService.createExecutionQuery().processInstanceId(fine.getId()).activityId("readReply")
        .count()).as("the healthy instance " + fine.getId() + " got the text (broken: " + broken.getId() + ")")
        .isEqualTo(1);
    soft.assertThat(again.statusCode()).isEqualTo(200);
    soft.assertThat(runtimeService.createExecutionQuery().processInstanceId(fine.getId()).activityId("readReply")
        .count()).as("after a redelivery, the healthy instance got the text").isEqualTo(1);
    soft.assertAll();
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
