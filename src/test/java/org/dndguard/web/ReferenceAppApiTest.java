package org.dndguard.web;

import java.time.Instant;
import java.util.UUID;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the API tests of the reference app start from: the app on its random port, an HTTP client
 * logged in as its admin (demo/demo) made before each test, and contacts under ids no other test
 * uses. A subclass that needs properties of its own says so with {@link ReferenceAppContext}.
 */
@ReferenceAppContext
abstract class ReferenceAppApiTest {

  @LocalServerPort
  int port;

  @Autowired
  ContactService contacts;

  ApiHttp http;

  @BeforeEach
  void connectAsDemo() {
    http = ApiHttp.demo(port);
  }

  /** A contact id no other test uses. */
  static String newContactId() {
    return "c-" + UUID.randomUUID();
  }

  /** Registers the contact through the service, as a user named {@code test}, not through the API under test. */
  void register(String id, ContactAddresses addresses) {
    contacts.register(id, addresses, Evidence.user("test", null, Instant.now()));
  }
}
