package org.dndguard.contact;

import java.time.Instant;
import java.util.Objects;
import org.dndguard.contact.internal.Topics;

/**
 * A contact left a topic: messages about it are blocked on every channel until the contact
 * rejoins it. Every topic entry may be cleared by a user (a contact asks to get the newsletter
 * again); the reason says how it came about.
 *
 * @param topic the topic name
 * @param reason {@link DndReason#MANUAL} (a user or workflow) or {@link DndReason#EMAIL_UNSUBSCRIBE}
 *     (the contact's own one-click unsubscribe)
 * @param since when the contact left the topic
 * @param evidence what it rests on
 */
public record TopicEntry(String topic, DndReason reason, Instant since, Evidence evidence) {

  public TopicEntry {
    topic = Topics.require(topic);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(evidence, "evidence");
    if (reason != DndReason.MANUAL && reason != DndReason.EMAIL_UNSUBSCRIBE) {
      throw new IllegalArgumentException("A topic is left by a user or workflow (MANUAL) or by the contact's"
          + " unsubscribe (EMAIL_UNSUBSCRIBE), not " + reason);
    }
  }

  /** How the contact came to leave the topic, e.g. "a user (ann)" or "the contact's unsubscribe link". */
  public String setBy() {
    if (reason == DndReason.EMAIL_UNSUBSCRIBE) {
      return "the contact's unsubscribe link" + (evidence.messageId() == null ? "" : " in message "
          + evidence.messageId());
    }
    return evidence.source() == Source.WORKFLOW
        ? "a workflow" + (evidence.actor() == null ? "" : " (process instance " + evidence.actor() + ")")
        : "a user" + (evidence.actor() == null ? "" : " (" + evidence.actor() + ")");
  }
}
