package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.DndKind;
import org.dndguard.contact.DndReason;

/** One reason for which a channel is in DND, and who may lift it. */
@Schema(name = "DndReason", description = "One reason for which a channel is in DND, and who may lift it")
public record DndReasonView(
    @Schema(example = "SMS_OPT_OUT") DndReason reason,
    @Schema(example = "PERMANENT") DndKind kind,
    @Schema(description = "When the reason was set") Instant since,
    @Schema(description = "How it came about", example = "the opt-out keyword STOP") String setBy,
    @Schema(description = "Whether a user may clear it") boolean userMayClear,
    @Schema(description = "What would lift it", example = "only the contact can lift it, by texting START")
    String howToLift,
    EvidenceView evidence) {

  static DndReasonView of(DndEntry entry) {
    return new DndReasonView(entry.reason(), entry.kind(), entry.since(), entry.setBy(), entry.userMayClear(),
        entry.reason().howToLift(), EvidenceView.of(entry.evidence()));
  }
}
