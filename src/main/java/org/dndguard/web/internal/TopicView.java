package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.TopicEntry;

/** A topic the contact left: messages about it are blocked on every channel. */
@Schema(name = "LeftTopic", description = "A topic the contact left; messages about it are blocked on every channel")
public record TopicView(
    @Schema(example = "newsletter") String topic,
    @Schema(description = "MANUAL (a user or workflow) or EMAIL_UNSUBSCRIBE (the contact's unsubscribe link)",
        example = "MANUAL") DndReason reason,
    @Schema(description = "When the contact left it") Instant since,
    @Schema(description = "How it came about", example = "a user (ann)") String setBy,
    @Schema(description = "Whether a user may rejoin the contact to the topic; always true") boolean userMayClear,
    EvidenceView evidence) {

  static TopicView of(TopicEntry entry) {
    return new TopicView(entry.topic(), entry.reason(), entry.since(), entry.setBy(), true,
        EvidenceView.of(entry.evidence()));
  }
}
