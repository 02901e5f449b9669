package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.dndguard.autoconfigure.DndProperties;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.Evidence;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The reference application on a random port, shared by every webhook test (one cached context),
 * with its development webhook secrets. Contacts and addresses are unique per test, since the
 * database is shared.
 */
@ReferenceAppContext
abstract class WebhookHttpTestSupport {

  @LocalServerPort
  int port;

  @Autowired
  DndService dnd;

  @Autowired
  ContactService contacts;

  @Autowired
  AuditTrail audit;

  @Autowired
  DndProperties properties;

  @Autowired
  org.dndguard.engine.DeliveryQueue deliveries;

  WebhookClient client;

  @BeforeEach
  void client() {
    client = new WebhookClient(port, properties);
  }

  String contactWith(String phone, String email) {
    String id = "c-" + UUID.randomUUID();
    contacts.register(id, new ContactAddresses(phone, email, null, null, null), Evidence.user("test", Instant.now()));
    return id;
  }

  static String newPhone() {
    // a valid, practically unique North American number: the database is shared by every test
    return "+1415" + ThreadLocalRandom.current().nextInt(2_000_000, 9_999_999);
  }

  static String newEmail() {
    return "ann-" + UUID.randomUUID() + "@example.com";
  }

  DndRecord record(String contactId) {
    return dnd.record(contactId);
  }

  /** The contact's audit trail, oldest first. */
  List<AuditRecord> trail(String contactId) {
    return audit.inOrder(contactId);
  }

  /** The problem types a webhook may answer with, per status. */
  private static final Map<Integer, List<String>> WEBHOOK_PROBLEM_TYPES = Map.of(
      400, List.of("urn:dndguard:problem:malformed-webhook"),
      403, List.of("urn:dndguard:problem:webhook-signature-refused", "urn:dndguard:problem:webhook-not-configured"),
      413, List.of("urn:dndguard:problem:webhook-too-large"),
      503, List.of("urn:dndguard:problem:store-unavailable"),
      500, List.of("urn:dndguard:problem:internal-server-error"));

  static void assertProblem(HttpResponse<String> response, int status, String field, String detailContains) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).get().asString()
        .startsWith("application/problem+json");
    Map<String, Object> problem = WebhookClient.parse(response.body());
    assertThat(problem).containsEntry("status", status);
    assertThat(problem.get("type")).as("the problem type of a webhook's %s", status)
        .isIn(WEBHOOK_PROBLEM_TYPES.getOrDefault(status, List.of()));
    if (field != null) {
      assertThat(problem).containsEntry("field", field);
    }
    assertThat((String) problem.get("detail")).contains(detailContains);
  }
}
