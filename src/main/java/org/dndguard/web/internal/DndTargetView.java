package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndTarget;

/**
 * One channel (or ALL, or an inbound channel) of a contact's DND record.
 *
 * @param active whether the channel itself has DND reasons
 * @param blocked whether messages on the channel are blocked: by its own reasons or by ALL
 * @param userMayClear whether a user's clear of the channel would succeed
 * @param reasons every reason the channel itself is in DND for; empty when it is not
 */
@Schema(name = "DndChannel", description = "One channel of a contact's DND record")
public record DndTargetView(
    @Schema(description = "Whether the channel itself is in DND (has reasons)") boolean active,
    @Schema(description = "Whether messages on the channel are blocked, by its own reasons or by ALL")
    boolean blocked,
    @Schema(description = "Whether a user may clear the channel: true when every reason on it allows that")
    boolean userMayClear,
    @Schema(description = "Why the channel is in DND; empty when it is not") List<DndReasonView> reasons) {

  static DndTargetView of(DndRecord record, DndTarget target) {
    boolean blocked = target.channel().map(record::isBlocked).orElseGet(() -> record.isActive(target));
    return new DndTargetView(record.isActive(target), blocked, record.userMayClear(target),
        record.entries(target).stream().map(DndReasonView::of).toList());
  }
}
