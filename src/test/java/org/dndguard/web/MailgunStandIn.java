package org.dndguard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Mailgun on loopback, for a test class of the reference app's e-mail (a static
 * {@code @RegisterExtension} field): before each test it forgets what it received and accepts every
 * message of the domain {@code mg.example.com}, as Mailgun does, with a message id of its own; it
 * stops after the class.
 */
final class MailgunStandIn implements BeforeEachCallback, AfterAllCallback {

  private static final String MESSAGES = "/v3/mg.example.com/messages";

  private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  /**
   * Starts it, if it is not running yet, and configures the app's Mailgun client for it (its URL,
   * the domain, a key and a sender); for a {@code @DynamicPropertySource}.
   */
  void register(DynamicPropertyRegistry registry) {
    if (!server.isRunning()) {
      server.start();
    }
    registry.add("dnd.messaging.mailgun.base-url", () -> server.baseUrl() + "/");
    registry.add("dnd.messaging.mailgun.domain", () -> "mg.example.com");
    registry.add("dnd.messaging.mailgun.api-key", () -> "key-mailgun");
    registry.add("dnd.messaging.mailgun.from", () -> "Acme Dental <care@mg.example.com>");
  }

  /** Every message the app sent it since the test began, oldest first. */
  List<LoggedRequest> messages() {
    return server.findAll(postRequestedFor(urlEqualTo(MESSAGES)));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.resetAll();
    server.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"id\": \"<" + UUID.randomUUID()
            + "@mg.example.com>\"}")));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop();
  }
}
