package org.dndguard.web.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.SmsKeyword;
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
    @Schema(description = "The keyword the contact texted, or the opt-out phrase their reply contained",
        example = "STOP") String keyword,
    @Schema(description = "A free text note", example = "Asked by phone not to be texted") String note,
    @Schema(description = "When DND Guard received the request or event") Instant receivedAt,
    @Schema(description = "The contact's reply that was recognised as a keyword or an opt-out phrase")
    ReplyView reply) {

  /** The contact's reply behind a keyword change: why the text counted (docs/rules.md). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "Reply", description = "The contact's reply that was recognised as a keyword or an opt-out phrase")
  public record ReplyView(
      @Schema(description = "The whole reply as the contact sent it", example = "Please stop texting me") String text,
      @Schema(description = "The language of the list that matched", example = "en") String language,
      @Schema(description = "Which rule matched: EXACT_KEYWORD (the whole reply is a keyword), RULE_WORD (the FCC"
          + " rule's words used as a request), PHRASE_LIST (another opt-out phrase), PROVIDER (Twilio classified"
          + " it)", example = "RULE_WORD") SmsKeyword.Rule rule) {
  }

  static EvidenceView of(Evidence evidence) {
    Evidence.Reply reply = evidence.reply();
    return new EvidenceView(evidence.source(), evidence.actor(), evidence.providerEventId(), evidence.messageId(),
        evidence.code(), evidence.keyword(), evidence.note(), evidence.receivedAt(),
        reply == null ? null : new ReplyView(reply.text(), reply.language(), reply.rule()));
  }
}
