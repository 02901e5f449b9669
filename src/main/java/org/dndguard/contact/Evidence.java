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

  /** A person's change, through the API, Cockpit or an application. */
  public static Evidence user(String actor, String note, Instant at) {
    return builder(Source.USER, at).actor(actor).note(note).build();
  }

  /** A person's change without a note. */
  public static Evidence user(String actor, Instant at) {
    return builder(Source.USER, at).actor(actor).build();
  }

  /** A workflow's change, through the DND action or a removal step. */
  public static Evidence workflow(String processInstanceId, String note, Instant at) {
    return builder(Source.WORKFLOW, at).actor(processInstanceId).note(note).build();
  }

  /** A workflow's change without a note. */
  public static Evidence workflow(String processInstanceId, Instant at) {
    return builder(Source.WORKFLOW, at).actor(processInstanceId).build();
  }

  /**
   * An event a provider sent (a Mailgun event, a Twilio callback or inbound message), named by the
   * provider's id for it; the builder adds what the event carried.
   */
  public static Builder providerEvent(Source provider, String eventId, Instant receivedAt) {
    return builder(provider, receivedAt).providerEvent(eventId);
  }

  /** Evidence of any kind, field by field; only {@code source} and {@code receivedAt} are required. */
  public static Builder builder(Source source, Instant receivedAt) {
    return new Builder(source, receivedAt);
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

  /**
   * Collects the optional fields of an {@link Evidence}, so that a caller names what it knows and
   * passes nothing for what it does not.
   */
  public static final class Builder {
    private final Source source;
    private final Instant receivedAt;
    private String actor;
    private String providerEventId;
    private String messageId;
    private String code;
    private String keyword;
    private String note;
    private Reply reply;

    private Builder(Source source, Instant receivedAt) {
      this.source = source;
      this.receivedAt = receivedAt;
    }

    /** The user name, process instance or provider account behind the change. */
    public Builder actor(String actor) {
      this.actor = actor;
      return this;
    }

    /** The provider's event id (Mailgun event id, Twilio MessageSid). */
    public Builder providerEvent(String providerEventId) {
      this.providerEventId = providerEventId;
      return this;
    }

    /** The id of the message concerned (a provider's message id or an outbox message id). */
    public Builder message(String messageId) {
      this.messageId = messageId;
      return this;
    }

    /** The provider's error code or failure reason. */
    public Builder code(String code) {
      this.code = code;
      return this;
    }

    /** The opt-out or opt-in keyword, or the opt-out phrase, the contact's reply made. */
    public Builder keyword(String keyword) {
      this.keyword = keyword;
      return this;
    }

    /** The keyword a reply was recognised as, with the reply itself, its language and rule. */
    public Builder keyword(SmsKeyword word, String replyText) {
      this.keyword = word.word();
      this.reply = Reply.of(replyText, word);
      return this;
    }

    /** The contact's reply that was recognised, when it is given apart from the keyword. */
    public Builder reply(Reply reply) {
      this.reply = reply;
      return this;
    }

    public Builder note(String note) {
      this.note = note;
      return this;
    }

    public Evidence build() {
      return new Evidence(source, actor, providerEventId, messageId, code, keyword, note, receivedAt, reply);
    }
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
