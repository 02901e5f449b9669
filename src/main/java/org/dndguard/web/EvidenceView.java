package org.dndguard.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;

/** What a DND change rests on; members that do not apply are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Evidence", description = "What a DND change rests on; members that do not apply are left out")
public record EvidenceView(
    @Schema(description = "Where the change came from") Source source,
    @Schema(description = "The Camunda user, process instance or provider account behind it", example = "demo")
    String actor,
    @Schema(description = "The provider's event id (Mailgun event id, Twilio MessageSid)") String providerEventId,
    @Schema(description = "The id of the message concerned") String messageId,
    @Schema(description = "The provider's error code or failure reason", example = "21610") String code,
    @Schema(description = "The keyword the contact texted", example = "STOP") String keyword,
    @Schema(description = "A free text note", example = "Asked by phone not to be texted") String note,
    @Schema(description = "When DND Guard received the request or event") Instant receivedAt) {

  static EvidenceView of(Evidence evidence) {
    return new EvidenceView(evidence.source(), evidence.actor(), evidence.providerEventId(), evidence.messageId(),
        evidence.code(), evidence.keyword(), evidence.note(), evidence.receivedAt());
  }
}
