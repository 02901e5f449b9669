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
 * @param keyword the opt-out or opt-in keyword the contact texted, or the opt-out phrase their reply
 *     contained (at most 255 characters)
 * @param note a free text note
 * @param receivedAt when DND Guard received the event or request
 * @param reply the contact's reply that was recognised as a keyword or phrase: its whole text, the
 *     language and the rule that matched; null for every other change
 */
public record Evidence(
    Source source,
    String actor,
    String providerEventId,
    String messageId,
    String code,
    String keyword,
    String note,
    Instant receivedAt,
    Reply reply) {

  /** Longest reply kept: Twilio joins a long text into one inbound message of at most 1600 characters. */
  public static final int MAX_REPLY_LENGTH = 1600;

  /**
   * The reply that made a change (docs/rules.md, "What counts as an opt-out"), so that a compliance
   * officer can show why a text counted.
   *
   * @param text the reply as the contact sent it (at most {@value #MAX_REPLY_LENGTH} characters)
   * @param language the language of the list that matched, e.g. {@code es}; null when the provider
   *     classified the reply
   * @param rule which rule matched
   */
  public record Reply(String text, String language, SmsKeyword.Rule rule) {
    public Reply {
      text = text == null ? "" : limit(text, MAX_REPLY_LENGTH, false);
      language = limit(language, 16);
      Objects.requireNonNull(rule, "rule");
    }

    /** The reply that made a keyword. */
    public static Reply of(String text, SmsKeyword keyword) {
      return new Reply(text, keyword.language(), keyword.rule());
    }
  }

  /** Evidence with no reply: every change but a contact's recognised text. */
  public Evidence(Source source, String actor, String providerEventId, String messageId, String code,
      String keyword, String note, Instant receivedAt) {
    this(source, actor, providerEventId, messageId, code, keyword, note, receivedAt, null);
  }

  public Evidence {
    Objects.requireNonNull(source, "source");
    // databases keep microseconds: a record read back must equal the one that was written
    receivedAt = Objects.requireNonNull(receivedAt, "receivedAt").truncatedTo(ChronoUnit.MICROS);
    actor = limit(actor, 255);
    providerEventId = limit(providerEventId, 255);
    messageId = limit(messageId, 255);
    code = limit(code, 64);
    keyword = limit(keyword, 255);
    note = limit(note, 1000);
  }

  public static Evidence user(String actor, String note, Instant at) {
    return new Evidence(Source.USER, actor, null, null, null, null, note, at);
  }

  public static Evidence workflow(String processInstanceId, String note, Instant at) {
    return new Evidence(Source.WORKFLOW, processInstanceId, null, null, null, null, note, at);
  }

  public Evidence withNote(String newNote) {
    return new Evidence(source, actor, providerEventId, messageId, code, keyword, newNote, receivedAt, reply);
  }

  public Evidence withReply(Reply newReply) {
    return new Evidence(source, actor, providerEventId, messageId, code, keyword, note, receivedAt, newReply);
  }

  public Evidence withSource(Source newSource) {
    return new Evidence(newSource, actor, providerEventId, messageId, code, keyword, note, receivedAt, reply);
  }

  private static String limit(String value, int max) {
    return limit(value, max, true);
  }

  private static String limit(String value, int max, boolean blankIsNull) {
    if (value == null || (blankIsNull && value.isBlank())) {
      return blankIsNull ? null : value;
    }
    return value.length() <= max ? value : value.substring(0, max);
  }
}
