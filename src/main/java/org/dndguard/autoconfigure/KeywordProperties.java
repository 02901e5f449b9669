package org.dndguard.autoconfigure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dndguard.InternalApi;
import org.dndguard.contact.internal.SmsKeywords;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What counts as an opt-out in a contact's reply, under {@code dnd.keywords} (docs/rules.md, "What
 * counts as an opt-out"; 47 CFR 64.1200(a)(10)). The built-in lists are on by default; a deployment
 * switches a language or the phrase lists off and adds its own words.
 *
 * @param languages the built-in languages whose lists are used, in matching order; defaults to
 *     {@code en,es,fr}
 * @param ruleWords whether replies that use the rule's own words as a request count ("please stop",
 *     "unsubscribe me", "dejen de enviarme"); defaults to {@code true}
 * @param phrases whether replies with another opt-out phrase count ("leave me alone", "wrong number",
 *     "no más"); defaults to {@code true}
 * @param extraOptOutKeywords a deployment's own opt-out keywords by language, whole replies, e.g.
 *     {@code dnd.keywords.extra-opt-out-keywords.de=HALT,STOPP}; empty by default
 * @param extraOptOutPhrases a deployment's own opt-out phrases by language, matched inside a reply on
 *     word boundaries, e.g. {@code dnd.keywords.extra-opt-out-phrases.en=go away}; empty by default
 * @param optOutReplies the opt-out confirmation by language, e.g. {@code dnd.keywords.opt-out-replies.es};
 *     Spanish and French have built-in texts; any other language, English included, is confirmed
 *     with {@code dnd.webhooks.twilio.opt-out-reply}; a blank text answers nothing
 * @param revokeAll whether a texted opt-out also sets CALL DND, with the same evidence, lifted only by
 *     the contact's START (which then lifts both): the FCC's revoke-all provision of 47 CFR
 *     64.1200(a)(10), scheduled for 31 January 2027; defaults to {@code false}
 */
public record KeywordProperties(
    @DefaultValue({"en", "es", "fr"}) List<String> languages,
    @DefaultValue("true") boolean ruleWords,
    @DefaultValue("true") boolean phrases,
    Map<String, List<String>> extraOptOutKeywords,
    Map<String, List<String>> extraOptOutPhrases,
    Map<String, String> optOutReplies,
    @DefaultValue("false") boolean revokeAll) {

  public KeywordProperties {
    extraOptOutKeywords = extraOptOutKeywords == null ? Map.of() : Map.copyOf(extraOptOutKeywords);
    extraOptOutPhrases = extraOptOutPhrases == null ? Map.of() : Map.copyOf(extraOptOutPhrases);
    optOutReplies = optOutReplies == null ? Map.of() : Map.copyOf(optOutReplies);
    // a misspelt language stops the start, naming the property, rather than leaving its opt-outs unread
    lists(languages, ruleWords, phrases, extraOptOutKeywords, extraOptOutPhrases);
  }

  /** The lists and replies the Twilio webhook reads and confirms opt-outs with. */
  @InternalApi
  public TwilioWebhooks.Keywords keywords() {
    Map<String, String> replies = new HashMap<>(TwilioWebhooks.Keywords.DEFAULT_OPT_OUT_REPLIES);
    replies.putAll(optOutReplies);
    return new TwilioWebhooks.Keywords(lists(languages, ruleWords, phrases, extraOptOutKeywords, extraOptOutPhrases),
        replies, revokeAll);
  }

  private static SmsKeywords lists(List<String> languages, boolean ruleWords, boolean phrases,
      Map<String, List<String>> extraKeywords, Map<String, List<String>> extraPhrases) {
    try {
      return new SmsKeywords(languages == null ? List.of() : languages, ruleWords, phrases, extraKeywords,
          extraPhrases);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dnd.keywords: " + e.getMessage(), e);
    }
  }
}
