package org.dndguard.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.Source;
import org.dndguard.contact.TopicEntry;
import org.dndguard.contact.TopicSubscriptions;
import org.junit.jupiter.api.Test;

/** Topic names and what leaving and rejoining a topic does, without Spring or an engine. */
class TopicsTest {

  private static final Evidence ANN = Evidence.user("ann", Instant.parse("2026-03-04T15:00:00Z"));

  @Test
  void topicNamesAreLowerCaseLettersDigitsAndSingleDashes() {
    assertThat(Topics.require(" product-news-2027 ")).isEqualTo("product-news-2027");
    for (String bad : List.of("Newsletter", "news letter", "news--letter", "-news", "news-", "news_letter", "")) {
      assertThatThrownBy(() -> Topics.require(bad)).as(bad)
          .isInstanceOf(InvalidDndInputException.class)
          .satisfies(e -> assertThat(((InvalidDndInputException) e).field()).isEqualTo("topic"));
    }
    assertThatThrownBy(() -> Topics.require("a".repeat(65))).isInstanceOf(InvalidDndInputException.class);
  }

  @Test
  void leavingATopicAddsAnEntryOnceAndTheFirstReasonStays() {
    TopicSubscriptions none = TopicSubscriptions.none("c-42");
    TopicEntry left = none.leave("newsletter", DndReason.EMAIL_UNSUBSCRIBE, ANN).orElseThrow();
    TopicSubscriptions after = new TopicSubscriptions("c-42", List.of(left));

    assertThat(after.leftTopic("newsletter")).contains(left);
    assertThat(after.leftTopic("invoices")).isEmpty();
    assertThat(after.leave("newsletter", DndReason.MANUAL, ANN)).isEmpty();
    assertThat(left.setBy()).isEqualTo("the contact's unsubscribe link");
  }

  @Test
  void rejoiningRemovesTheEntryAndRejoiningATopicNotLeftChangesNothing() {
    TopicEntry left = TopicSubscriptions.none("c-42").leave("newsletter", DndReason.MANUAL, ANN).orElseThrow();
    TopicSubscriptions after = new TopicSubscriptions("c-42", List.of(left));

    assertThat(after.rejoin("newsletter")).contains(left);
    assertThat(after.rejoin("invoices")).isEmpty();
  }

  @Test
  void onlyAUserWorkflowOrTheContactsUnsubscribeLeavesATopic() {
    Evidence workflow = Evidence.workflow("pi-1", ANN.receivedAt());
    Evidence link = ANN.withSource(Source.UNSUBSCRIBE_LINK);

    assertThat(new TopicEntry("newsletter", DndReason.MANUAL, ANN.receivedAt(), ANN).setBy()).isEqualTo("a user (ann)");
    assertThat(new TopicEntry("newsletter", DndReason.MANUAL, ANN.receivedAt(), workflow).setBy())
        .isEqualTo("a workflow (process instance pi-1)");
    assertThat(new TopicEntry("newsletter", DndReason.EMAIL_UNSUBSCRIBE, ANN.receivedAt(), link).setBy())
        .isEqualTo("the contact's unsubscribe link");
    for (DndReason other : DndReason.values()) {
      if (other != DndReason.MANUAL && other != DndReason.EMAIL_UNSUBSCRIBE) {
        assertThatThrownBy(() -> new TopicEntry("newsletter", other, ANN.receivedAt(), ANN)).as("%s", other)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageEndingWith("(EMAIL_UNSUBSCRIBE), not " + other);
      }
    }
  }
}
