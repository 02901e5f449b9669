package org.dndguard.contact;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a DND change rests on: where it came from, who made it and the provider's identifiers.
 * Every field but {@code source} and {@code receivedAt} is optional.
 *
 * @param source where the change came from
 * @param actor the user name, process instance or provider account behind it
 * @param providerEventId the provider's event id (Mailgun event id, Twilio MessageSid)
 * @param messageId the id of the message concerned, when there is one
 * @param code the provider's error code or failure reason
 * @param keyword the opt-out or opt-in keyword the contact texted
 * @param note a free text note
 * @param receivedAt when DND Guard received the event or request
 */
public record Evidence(
    Source source,
    String actor,
    String providerEventId,
    String messageId,
    String code,
    String keyword,
    String note,
    Instant receivedAt) {

  public Evidence {
    Objects.requireNonNull(source, "source");
    // databases keep microseconds: a record read back must equal the one that was written
    receivedAt = Objects.requireNonNull(receivedAt, "receivedAt").truncatedTo(ChronoUnit.MICROS);
    actor = limit(actor, 255);
    providerEventId = limit(providerEventId, 255);
    messageId = limit(messageId, 255);
    code = limit(code, 64);
    keyword = limit(keyword, 32);
    note = limit(note, 1000);
  }

  public static Evidence user(String actor, String note, Instant at) {
    return new Evidence(Source.USER, actor, null, null, null, null, note, at);
  }

  public static Evidence workflow(String processInstanceId, String note, Instant at) {
    return new Evidence(Source.WORKFLOW, processInstanceId, null, null, null, null, note, at);
  }

  public Evidence withNote(String newNote) {
    return new Evidence(source, actor, providerEventId, messageId, code, keyword, newNote, receivedAt);
  }

  public Evidence withSource(Source newSource) {
    return new Evidence(newSource, actor, providerEventId, messageId, code, keyword, note, receivedAt);
  }

  private static String limit(String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return value.length() <= max ? value : value.substring(0, max);
  }
}
