package org.dndguard.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dndguard.contact.SmsKeyword;

/**
 * The SMS compliance text: the opt-out instruction (default "Reply STOP to unsubscribe.") and the
 * sender, added to the first SMS to a contact's number and again once the last SMS that carried
 * them is older than the period, and never to a body that already tells how to opt out.
 *
 * <p>The sender goes in front ({@code Acme Dental: Hi Ann, ...}) unless the body already starts with
 * it; the opt-out text goes on a line of its own at the end.
 */
public final class SmsCompliance {

  private static final String KEYWORDS = String.join("|", SmsKeyword.OPT_OUT_WORDS.stream().sorted().toList());

  // "Reply STOP", "Text the word STOP", "reply with 'stop'": a verb, then the keyword in capitals or quotes
  private static final Pattern VERB_THEN_KEYWORD = Pattern.compile(
      "(?i:\\b(?:reply|text|txt|send|respond|answer)\\b)[^\\n.!?]{0,15}?"
          + "(?:\\b(?:" + KEYWORDS + ")\\b|[\"'“‘](?i:" + KEYWORDS + ")[\"'”’])");

  // "STOP to opt out", "stop to unsubscribe"
  private static final Pattern KEYWORD_THEN_PURPOSE = Pattern.compile(
      "(?i)\\b(?:" + KEYWORDS + ")\\s+(?:to|2)\\s+(?:opt[\\s-]?out|unsubscribe|be removed"
          + "|(?:stop|end) (?:receiving|messages|texts|alerts))\\b");

  private final String optOutText;
  private final String sender;
  private final Duration period;

  /**
   * @param optOutText the opt-out instruction; it must name an opt-out keyword in capitals, such as STOP
   * @param sender who sends, e.g. the business name; blank for none
   * @param period how long an SMS that carried the text covers the contact's later SMS
   */
  public SmsCompliance(String optOutText, String sender, Duration period) {
    if (optOutText == null || optOutText.isBlank() || !namesKeyword(optOutText)) {
      throw new IllegalArgumentException("The SMS opt-out text '" + optOutText + "' must tell the contact which"
          + " keyword to text, in capitals: one of " + KEYWORDS.replace("|", ", ")
          + ", e.g. 'Reply STOP to unsubscribe.'");
    }
    if (period == null || period.isNegative()) {
      throw new IllegalArgumentException("The SMS compliance period must be zero or more, e.g. 30d; it is " + period);
    }
    this.optOutText = optOutText.strip();
    this.sender = sender == null ? "" : sender.strip();
    this.period = period;
  }

  /** The final body and what the rule did. */
  public record Composed(String body, ComplianceOutcome outcome) {
  }

  /**
   * Applies the rule to an SMS body.
   *
   * @param body the body as the workflow or user wrote it
   * @param lastCarried when the last SMS to the same contact and number that carried the text was
   *     queued, if one was
   * @param now the time the message is queued
   */
  public Composed compose(String body, Optional<Instant> lastCarried, Instant now) {
    Objects.requireNonNull(body, "body");
    if (hasOptOutInstruction(body)) {
      return new Composed(body, ComplianceOutcome.IN_BODY);
    }
    boolean due = lastCarried.map(last -> last.isBefore(now.minus(period))).orElse(true);
    if (!due) {
      return new Composed(body, ComplianceOutcome.NOT_DUE);
    }
    String prefix = sender.isEmpty() || startsWithIgnoringCase(body.stripLeading(), sender) ? "" : sender + ": ";
    return new Composed(prefix + body.stripTrailing() + "\n" + optOutText, ComplianceOutcome.ADDED);
  }

  /**
   * Whether the body already tells how to opt out: it has the configured opt-out text, a verb
   * followed by a keyword in capitals or quotes ("Reply STOP", "text 'stop'"), or a keyword
   * followed by its purpose ("STOP to opt out"). A keyword in lower case after a verb ("reply by the
   * end of the week") does not count, so that the text is rather added once too often than missed.
   */
  public boolean hasOptOutInstruction(String body) {
    String flat = body.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    return flat.contains(optOutText.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT))
        || VERB_THEN_KEYWORD.matcher(body).find()
        || KEYWORD_THEN_PURPOSE.matcher(body).find();
  }

  public String optOutText() {
    return optOutText;
  }

  public String sender() {
    return sender;
  }

  public Duration period() {
    return period;
  }

  private static boolean namesKeyword(String text) {
    return Pattern.compile("\\b(?:" + KEYWORDS + ")\\b").matcher(text).find();
  }

  private static boolean startsWithIgnoringCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
