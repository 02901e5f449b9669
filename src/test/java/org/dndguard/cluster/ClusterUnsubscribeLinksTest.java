package org.dndguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.messaging.MessageRequest;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.messaging.internal.UnsubscribeLinks;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.junit.jupiter.api.Test;

/**
 * Links that work in a cluster (issue 21): with no {@code dnd.unsubscribe.secret}, the key of
 * unsubscribe links is generated once and kept in DND Guard's tables, so a link that node A signed
 * is accepted by node B, and by node A after a restart.
 */
class ClusterUnsubscribeLinksTest {

  @Test
  void aLinkSignedByOneNodeIsAcceptedByTheOtherAndAfterARestart() {
    // an empty secret overrides the reference app's development value: DND Guard generates the key
    try (ClusterFixture cluster = ClusterFixture.start("--dnd.unsubscribe.secret=")) {
      // given: two e-mails, their links signed by node A
      OutboxMessage first = email(cluster.a());
      OutboxMessage second = email(cluster.a());
      String firstLink = cluster.a().bean(UnsubscribeLinks.class).url(first);
      String secondLink = cluster.a().bean(UnsubscribeLinks.class).url(second);
      assertThat(cluster.sql().sql("SELECT COUNT(*) FROM DND_SECRET").query(Long.class).single()).isEqualTo(1);
      assertThat(cluster.b().bean(UnsubscribeLinks.class).url(first)).isEqualTo(firstLink);

      // when: the first link is clicked on node B
      HttpResponse<String> onB = cluster.b().oneClickUnsubscribe(path(firstLink));

      // then
      assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
      assertThat(cluster.b().bean(DndService.class).record(first.contactId())
          .entry(DndTarget.EMAIL, DndReason.EMAIL_UNSUBSCRIBE)).isPresent();

      // when: node A restarts and the second link is clicked on it
      cluster.a().stop();
      ClusterNode restarted = cluster.restart(cluster.a());
      HttpResponse<String> afterRestart = restarted.oneClickUnsubscribe(path(secondLink));

      // then
      assertThat(afterRestart.statusCode()).as(afterRestart.body()).isEqualTo(200);
      assertThat(restarted.bean(DndService.class).record(second.contactId()).isBlocked(Channel.EMAIL)).isTrue();
      assertThat(restarted.bean(UnsubscribeLinks.class).url(second)).isEqualTo(secondLink);
      assertThat(cluster.sql().sql("SELECT COUNT(*) FROM DND_SECRET").query(Long.class).single()).isEqualTo(1);
    }
  }

  private static OutboxMessage email(ClusterNode node) {
    String contactId = "links-" + UUID.randomUUID();
    node.bean(ContactService.class).register(contactId, new ContactAddresses(null, contactId + "@example.com",
        null, null, null), Evidence.user("test", Instant.now()));
    Outbox outbox = node.bean(Outbox.class);
    long id = outbox.queue(MessageRequest.fromWorkflow(contactId, Channel.EMAIL, "Your invoice", "It is attached.",
        "pi", "sendInvoice")).id();
    return outbox.find(id).orElseThrow();
  }

  private static String path(String link) {
    assertThat(link).startsWith(ClusterFixture.PUBLIC_BASE_URL + "/unsubscribe/");
    return link.substring(ClusterFixture.PUBLIC_BASE_URL.length());
  }
}
