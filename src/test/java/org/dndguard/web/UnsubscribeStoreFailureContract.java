package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.messaging.MessageRequest;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.messaging.internal.UnsubscribeLinks;
import org.dndguard.store.AuditAction;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one-click unsubscribe POST when the database fails (issue 20): a mail client sends it once,
 * so the answer is a 503 with {@code Retry-After}, nothing changes, and the same link works when it
 * comes again. The failure is real: a constraint on DND Guard's entry table, in the test's own
 * database, refuses the unsubscribe's row. Run on H2 and on embedded PostgreSQL.
 */
abstract class UnsubscribeStoreFailureContract {

  @LocalServerPort int port;
  @Autowired ContactService contacts;
  @Autowired Outbox outbox;
  @Autowired UnsubscribeLinks links;
  @Autowired DndService dnd;
  @Autowired AuditTrail audit;
  @Autowired DataSource dataSource;

  ApiHttp http;

  @BeforeEach
  void client() {
    http = ApiHttp.demo(port);
  }

  @Test
  void anUnsubscribeTheDatabaseCannotRecordIs503AndTheSameLinkWorksLater() {
    // given
    OutboxMessage email = email();
    String path = "/unsubscribe/" + token(links.url(email));
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("alter table DND_ENTRY add constraint DND_TEST_REFUSE_UNSUBSCRIBE check (REASON <> '"
        + DndReason.EMAIL_UNSUBSCRIBE.name() + "')");
    ApiHttp.Response refused;
    try {
      // when
      refused = oneClick(path);
    } finally {
      jdbc.execute("alter table DND_ENTRY drop constraint DND_TEST_REFUSE_UNSUBSCRIBE");
    }

    // then: a problem that asks for the request again, and nothing changed
    JsonNode problem = assertProblem(refused, 503, "urn:dndguard:problem:store-unavailable");
    assertThat(problem.path("detail").asText()).contains("the link stays valid");
    assertThat(refused.header("Retry-After")).hasValue("60");
    assertThat(dnd.record(email.contactId()).isBlocked(Channel.EMAIL)).isFalse();
    assertThat(audit.inOrder(email.contactId())).noneMatch(row -> row.action() == AuditAction.SET);

    // the link still opens its page, and the second click unsubscribes
    assertThat(http.anonymous().send("GET", path, null, null).status()).isEqualTo(200);
    ApiHttp.Response again = oneClick(path);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(dnd.record(email.contactId()).entry(DndTarget.EMAIL, DndReason.EMAIL_UNSUBSCRIBE)).isPresent();
    assertThat(audit.inOrder(email.contactId())).filteredOn(row -> row.action() == AuditAction.SET).singleElement()
        .satisfies(row -> assertThat(row.evidence().messageId()).isEqualTo(String.valueOf(email.id())));
  }

  private OutboxMessage email() {
    String contactId = "c-" + UUID.randomUUID();
    contacts.register(contactId, new ContactAddresses(null, contactId + "@example.com", null, null, null),
        Evidence.user("test", Instant.now()));
    long id = outbox.queue(MessageRequest.fromWorkflow(contactId, Channel.EMAIL, "Your invoice", "It is attached.",
        "pi", "sendInvoice")).id();
    return outbox.find(id).orElseThrow();
  }

  private static String token(String link) {
    return link.substring(link.lastIndexOf('/') + 1);
  }

  /** What a mail client sends for RFC 8058's one-click unsubscribe. */
  private ApiHttp.Response oneClick(String path) {
    return http.anonymous().send("POST", path, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
  }
}
