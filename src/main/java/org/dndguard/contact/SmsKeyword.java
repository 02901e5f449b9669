package org.dndguard.contact;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dndguard.contact.internal.SmsKeywords;

/**
 * What a contact's reply asks for: opt-out, opt-in or help, with the word or phrase that decided it,
 * its language and the rule that matched ({@link SmsKeywords}, docs/rules.md). An opt-out is a
 * keyword on its own ("STOP", "opt out", "ARRÊT") or a reply that contains an opt-out phrase
 * ("please stop texting me", "no más"); opt-in and help are exact one-word keywords.
 *
 * @param type what the reply asks for
 * @param word the keyword, upper case ({@code STOP}, {@code ARRÊT}), or the phrase as its list spells
 *     it ({@code please stop}, {@code no más})
 * @param language the language of the list that matched ({@code en}, {@code es}, {@code fr}); null
 *     when the provider classified the reply
 * @param rule which rule matched
 */
public record SmsKeyword(Type type, String word, String language, Rule rule) {

  public enum Type { OPT_OUT, OPT_IN, HELP }

  /** Which rule made a reply a keyword (docs/rules.md, "What counts as an opt-out"). */
  public enum Rule {
    /** The whole reply is a keyword: STOP, OPT OUT, ALTO, ARRÊT, START, HELP. */
    EXACT_KEYWORD,
    /** The reply uses the FCC rule's own words as a request: "stop texting", "unsubscribe me". */
    RULE_WORD,
    /** The reply contains a phrase a reasonable person uses to ask to stop: "leave me alone". */
    PHRASE_LIST,
    /** The provider classified the reply (Twilio Advanced Opt-Out's {@code OptOutType}). */
    PROVIDER
  }

  /** The FCC rule's one-word opt-out keywords and their usual siblings, in English. */
  public static final Set<String> OPT_OUT_WORDS =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
  public static final Set<String> OPT_IN_WORDS = Set.of("START", "UNSTOP", "YES");
  public static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");

  public SmsKeyword {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(word, "word");
    Objects.requireNonNull(rule, "rule");
  }

  /** What a reply asks for under the built-in lists of every language, or empty for an ordinary text. */
  public static Optional<SmsKeyword> of(String body) {
    return SmsKeywords.defaults().recognise(body);
  }

  /** For the evidence: e.g. {@code phrase "please stop" (RULE_WORD, en)}. */
  public String describe() {
    String what = rule == Rule.RULE_WORD || rule == Rule.PHRASE_LIST ? "phrase \"" + word + "\"" : "keyword " + word;
    return what + " (" + rule + (language == null ? "" : ", " + language) + ")";
  }
}
