package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndRecord;
import org.dndguard.contact.DndStatus;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.InboundChannel;
import org.dndguard.contact.TopicSubscriptions;

/**
 * A contact's DND record: the status, each outbound channel and ALL, and inbound CALL and SMS.
 *
 * @param channels keyed CALL, EMAIL, SMS, WHATSAPP, FACEBOOK, GMB and ALL, in that order
 * @param inbound keyed CALL and SMS
 */
@Schema(name = "DndRecord", description = "A contact's DND record")
public record DndRecordView(
    @Schema(example = "c-42") String contactId,
    @Schema(description = "ON: every outbound channel is blocked; PARTIAL: some are; OFF: none is",
        example = "PARTIAL") DndStatus status,
    @Schema(description = "Outbound DND, keyed CALL, EMAIL, SMS, WHATSAPP, FACEBOOK, GMB and ALL")
    Map<String, DndTargetView> channels,
    @Schema(description = "Inbound DND, keyed CALL and SMS") Map<String, DndTargetView> inbound,
    @Schema(description = "The topics the contact left, by name; it gets messages about every other topic")
    List<TopicView> topics) {

  public static DndRecordView of(DndRecord record, TopicSubscriptions topics) {
    return of(record, topics.left().stream().map(TopicView::of).toList());
  }

  private static DndRecordView of(DndRecord record, List<TopicView> topics) {
    Map<String, DndTargetView> channels = new LinkedHashMap<>();
    for (Channel channel : Channel.values()) {
      channels.put(channel.name(), DndTargetView.of(record, DndTarget.of(channel)));
    }
    channels.put(DndTarget.ALL.name(), DndTargetView.of(record, DndTarget.ALL));
    Map<String, DndTargetView> inbound = new LinkedHashMap<>();
    for (InboundChannel channel : InboundChannel.values()) {
      inbound.put(channel.name(), DndTargetView.of(record, DndTarget.inbound(channel)));
    }
    return new DndRecordView(record.contactId(), record.status(), channels, inbound, topics);
  }
}
