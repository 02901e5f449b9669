package org.dndguard.messaging.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dndguard.contact.SmsKeyword;
import org.dndguard.messaging.ComplianceOutcome;

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

  // keywords that say what they do, so that "Reply with UNSUBSCRIBE" needs no purpose after it
  private static final String SELF_DESCRIBING = "OPTOUT|STOPALL|UNSUBSCRIBE";

  private static final String VERB = "\\b(?:reply|text|txt|send|respond|answer)\\b";

  // what texts are: "messages", "these texts", "our marketing alerts"
  private static final String TEXTS = "(?:(?:all|these|those|our|the|future|further|marketing|promo|promotional"
      + "|text|sms)\\s+){0,2}(?:messages|msgs|texts|txts|alerts|sms|notifications|reminders|updates|offers)";

  // what an opt-out is for: "opt out", "unsubscribe", "stop receiving", "end these texts"; a verb
  // with another object ("cancel your appointment", "end the game") is not one
  private static final String PURPOSE = "(?:opt[\\s-]?out|unsubscribe|unsub|be removed"
      + "|no longer (?:receive|get)(?:\\s+" + TEXTS + ")?"
      + "|(?:stop|end|cancel|quit|halt|pause)\\s+(?:(?:receiving|getting)(?:\\s+" + TEXTS + ")?|" + TEXTS + "))\\b";

  // "to end", "to stop", "to quit" with nothing after them but the end of the sentence; a bare
  // "to cancel" is left out, as it is mostly about an appointment or an order
  private static final String BARE_PURPOSE = "(?:end|stop|quit)(?=[ \\t]*(?:$|[\\n.!?,;:)]))";

  private static final String QUOTED_OR_CAPITALS = "(?:\\b(?:%1$s)\\b|[\"'“‘](?i:%1$s)[\"'”’])";

  // "STOP to opt out", "'stop' to quit", "Text STOP to 12345 to end", "END anytime to stop receiving texts"
  private static final Pattern KEYWORD_THEN_PURPOSE = Pattern.compile(
      "(?i)[\"'“‘]?\\b(?:" + KEYWORDS + ")\\b[\"'”’]?"
          + "(?:\\s+(?:to|at)\\s+\\+?\\d[\\d\\s()-]{1,20}?)?"
          + "(?:\\s+(?:at\\s+any\\s*time|anytime))?"
          + "\\s*,?\\s+(?:to|2)\\s+(?:" + PURPOSE + "|" + BARE_PURPOSE + ")");

  // "To opt out, reply STOP", "To stop receiving texts text 'stop'", "Unsubscribe: reply STOP"
  private static final Pattern PURPOSE_THEN_KEYWORD = Pattern.compile(
      "(?i:\\b(?:to\\s+(?:" + PURPOSE + "|" + BARE_PURPOSE + ")|" + PURPOSE + "))"
          + "(?i:[\\s,:;-]{1,5}(?:just\\s+|simply\\s+)?" + VERB + ")[^\\n.!?]{0,15}?"
          + QUOTED_OR_CAPITALS.formatted(KEYWORDS));

  // "Reply with UNSUBSCRIBE any time", "text 'optout'"
  private static final Pattern VERB_THEN_SELF_DESCRIBING = Pattern.compile(
      "(?i:" + VERB + ")[^\\n.!?]{0,15}?" + QUOTED_OR_CAPITALS.formatted(SELF_DESCRIBING));

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
   * Whether the body already tells how to opt out: it has the configured opt-out text, or an
   * opt-out keyword tied to an opt-out purpose ("Reply STOP to opt out", "To unsubscribe, text
   * STOP", "END to stop receiving these texts"), or a verb before a keyword that says what it does
   * ("Reply with UNSUBSCRIBE"). A keyword asked for another purpose ("Reply CANCEL to cancel your
   * appointment", "text END when you are done") or without one ("Reply STOP") does not count, so
   * that the text is rather added once too often than missed.
   */
  public boolean hasOptOutInstruction(String body) {
    String flat = body.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    return flat.contains(optOutText.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT))
        || KEYWORD_THEN_PURPOSE.matcher(body).find()
        || PURPOSE_THEN_KEYWORD.matcher(body).find()
        || VERB_THEN_SELF_DESCRIBING.matcher(body).find();
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
