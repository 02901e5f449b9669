package org.dndguard.testsupport;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A provider's HTTP API (Twilio, Mailgun) on loopback, for a test class that registers it as a
 * static {@code @RegisterExtension} field: started before the class's tests, emptied of stubs and
 * requests before each test, so one test's answers never leak into the next, and stopped after the
 * class. It is the WireMock server itself: a test stubs and verifies on it directly.
 */
public final class ProviderStandIn extends WireMockServer implements BeforeAllCallback, BeforeEachCallback,
    AfterAllCallback {

  public ProviderStandIn() {
    super(options().bindAddress("127.0.0.1").dynamicPort());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    resetAll();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }
}
