package org.dndguard.contact.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.dndguard.contact.SmsKeyword;

/**
 * The keyword and phrase lists that decide what a reply asks for, and the recogniser (docs/rules.md,
 * "What counts as an opt-out"). A reply is folded first (Unicode NFKC, case folding, accents
 * stripped, apostrophes dropped, every other mark a word boundary); then it is
 * <ol>
 *   <li>an opt-out, opt-in or help keyword when the whole reply is one ({@code STOP}, {@code opt-out},
 *       {@code ARRÊT}, {@code START}, {@code HELP}), or is one opt-out keyword repeated ({@code STOP STOP});
 *   <li>an opt-out when it contains, on word boundaries, a phrase of a rule-word list ("please stop",
 *       "unsubscribe me") or of a phrase list ("leave me alone", "no más"), unless a negation comes right
 *       before it ("don't stop texting me") or a not-opt-out phrase overlaps it ("please stop by").
 * </ol>
 * Single words inside a sentence never decide: "see you at the end of the week" is an ordinary text.
 * The built-in lists are resource files per language ({@code keywords/<list>.<language>.txt}); a
 * deployment switches languages and phrase lists off and adds its own entries.
 */
public final class SmsKeywords {

  /** The languages with built-in lists, in the order a reply is matched against them. */
  public static final List<String> LANGUAGES = List.of("en", "es", "fr");

  private static final String RESOURCES = "/org/dndguard/contact/keywords/";
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
  private static final String BREAK = "|";
  private static final Map<String, Set<String>> NEGATIONS = Map.of(
      "en", Set.of("dont", "not", "never", "doesnt", "didnt", "wont", "cant", "cannot", "shouldnt", "wouldnt",
          "couldnt", "isnt", "arent"),
      "es", Set.of("no", "nunca", "jamas"),
      "fr", Set.of("ne", "pas", "jamais"));

  private static final SmsKeywords DEFAULTS = new SmsKeywords(LANGUAGES, true, true, Map.of(), Map.of());

  private final Map<String, SmsKeyword> exact = new LinkedHashMap<>();
  private final List<Phrase> phrases = new ArrayList<>();
  private final List<List<String>> notOptOut = new ArrayList<>();

  private record Phrase(List<String> tokens, String word, String language, SmsKeyword.Rule rule) {
  }

  /**
   * @param languages the built-in languages to use, in matching order (a subset of {@link #LANGUAGES})
   * @param ruleWords whether the rule-word phrase lists are used
   * @param phraseLists whether the other opt-out phrase lists are used
   * @param extraOptOutKeywords a deployment's own opt-out keywords, by language
   * @param extraOptOutPhrases a deployment's own opt-out phrases, by language; matched as PHRASE_LIST
   *     even when the phrase lists are off
   * @throws IllegalArgumentException naming the language when one is unknown or misspelt
   */
  public SmsKeywords(List<String> languages, boolean ruleWords, boolean phraseLists,
      Map<String, List<String>> extraOptOutKeywords, Map<String, List<String>> extraOptOutPhrases) {
    for (String language : languages) {
      if (!LANGUAGES.contains(language)) {
        throw new IllegalArgumentException("Unknown keyword language '" + language + "'; the built-in lists are "
            + String.join(", ", LANGUAGES) + " (add other languages' words as extra keywords and phrases)");
      }
    }
    for (String language : languages) {
      for (String word : list("opt-out-keywords", language)) {
        keyword(SmsKeyword.Type.OPT_OUT, word, language);
      }
    }
    extras(extraOptOutKeywords).forEach((language, words) ->
        words.forEach(word -> keyword(SmsKeyword.Type.OPT_OUT, word, language)));
    for (String language : languages) {
      list("opt-in-keywords", language).forEach(word -> keyword(SmsKeyword.Type.OPT_IN, word, language));
      list("help-keywords", language).forEach(word -> keyword(SmsKeyword.Type.HELP, word, language));
      if (ruleWords) {
        list("opt-out-rule-words", language).forEach(p -> phrase(p, language, SmsKeyword.Rule.RULE_WORD));
      }
      if (phraseLists) {
        list("opt-out-phrases", language).forEach(p -> phrase(p, language, SmsKeyword.Rule.PHRASE_LIST));
      }
      list("not-opt-out", language).forEach(p -> notOptOut.add(tokens(p)));
    }
    extras(extraOptOutPhrases).forEach((language, list) ->
        list.forEach(p -> phrase(p, language, SmsKeyword.Rule.PHRASE_LIST)));
    // the longest phrase first, so that a match names the most specific one
    phrases.sort(Comparator.comparingInt((Phrase p) -> -p.tokens().size()));
  }

  /** The built-in lists of every language. */
  public static SmsKeywords defaults() {
    return DEFAULTS;
  }

  /** What a reply asks for, or empty when it is an ordinary text. */
  public Optional<SmsKeyword> recognise(String body) {
    if (body == null) {
      return Optional.empty();
    }
    List<String> tokens = tokens(body);
    List<String> words = tokens.stream().filter(t -> !BREAK.equals(t)).toList();
    if (words.isEmpty()) {
      return Optional.empty();
    }
    SmsKeyword whole = exact.get(String.join(" ", words));
    if (whole != null) {
      return Optional.of(whole);
    }
    SmsKeyword first = exact.get(words.get(0));
    if (first != null && first.type() == SmsKeyword.Type.OPT_OUT && words.stream().allMatch(words.get(0)::equals)) {
      return Optional.of(first);
    }
    return phrase(tokens);
  }

  /**
   * The reply as the lists compare it: NFKC, case folded, accents stripped, apostrophes dropped,
   * words separated by one space; e.g. "¡No MÁS, por favor!" is {@code no mas por favor}.
   */
  public static String fold(String text) {
    return String.join(" ", tokens(text).stream().filter(t -> !BREAK.equals(t)).toList());
  }

  private Optional<SmsKeyword> phrase(List<String> tokens) {
    // word positions in the token list: phrases match across marks, negations do not
    int[] at = new int[tokens.size()];
    List<String> words = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (!BREAK.equals(tokens.get(i))) {
        at[words.size()] = i;
        words.add(tokens.get(i));
      }
    }
    boolean[] excluded = new boolean[words.size()];
    for (List<String> ordinary : notOptOut) {
      for (int start : occurrences(words, ordinary)) {
        Arrays.fill(excluded, start, start + ordinary.size(), true);
      }
    }
    for (int start = 0; start < words.size(); start++) {
      for (Phrase phrase : phrases) {
        int end = start + phrase.tokens().size();
        if (end <= words.size() && words.subList(start, end).equals(phrase.tokens())
            && !anyExcluded(excluded, start, end) && !negated(tokens, at[start], phrase.language())) {
          return Optional.of(new SmsKeyword(SmsKeyword.Type.OPT_OUT, phrase.word(), phrase.language(), phrase.rule()));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean anyExcluded(boolean[] excluded, int start, int end) {
    for (int i = start; i < end; i++) {
      if (excluded[i]) {
        return true;
      }
    }
    return false;
  }

  /** Whether the word right before the phrase, with no mark in between, negates it. */
  private static boolean negated(List<String> tokens, int tokenIndex, String language) {
    if (tokenIndex == 0) {
      return false;
    }
    String before = tokens.get(tokenIndex - 1);
    return NEGATIONS.getOrDefault(language, NEGATIONS.get("en")).contains(before);
  }

  private static List<Integer> occurrences(List<String> words, List<String> phrase) {
    List<Integer> found = new ArrayList<>();
    for (int start = 0; start + phrase.size() <= words.size(); start++) {
      if (words.subList(start, start + phrase.size()).equals(phrase)) {
        found.add(start);
      }
    }
    return found;
  }

  private void keyword(SmsKeyword.Type type, String word, String language) {
    String folded = fold(word);
    if (!folded.isEmpty()) {
      // the first language that lists a word owns it: its confirmation is in that language
      exact.putIfAbsent(folded, new SmsKeyword(type, word.strip().toUpperCase(Locale.ROOT), language,
          SmsKeyword.Rule.EXACT_KEYWORD));
    }
  }

  private void phrase(String phrase, String language, SmsKeyword.Rule rule) {
    List<String> tokens = tokens(phrase).stream().filter(t -> !BREAK.equals(t)).toList();
    if (!tokens.isEmpty()) {
      phrases.add(new Phrase(tokens, phrase.strip(), language, rule));
    }
  }

  private static Map<String, List<String>> extras(Map<String, List<String>> extras) {
    Map<String, List<String>> checked = new LinkedHashMap<>();
    if (extras == null) {
      return checked;
    }
    extras.forEach((language, words) -> {
      String tag = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
      if (!LANGUAGE.matcher(tag).matches()) {
        throw new IllegalArgumentException("Extra keywords and phrases are listed by language, e.g."
            + " extra-opt-out-keywords.es=BASTA YA; '" + language + "' is not a two- or three-letter language code");
      }
      checked.put(tag, words == null ? List.of() : words);
    });
    return checked;
  }

  /**
   * The reply's words, folded, with {@code |} for each run of marks that may end a clause (so a
   * negation is only read right before the phrase, never across "No, stop texting me").
   */
  private static List<String> tokens(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
    // case folding: upper then lower maps ß to ss and the Greek final sigma to sigma
    folded = folded.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    folded = Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    folded = folded.replaceAll("['’‘`ʼ]", "");
    List<String> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean mark = false;
    for (int i = 0; i < folded.length(); ) {
      int c = folded.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetterOrDigit(c)) {
        if (mark) {
          tokens.add(BREAK);
          mark = false;
        }
        word.appendCodePoint(c);
        continue;
      }
      if (word.length() > 0) {
        tokens.add(word.toString());
        word.setLength(0);
      }
      // a space or a hyphen joins words ("opt-out", "désabonnez-moi"); any other mark may end a clause
      if (!Character.isWhitespace(c) && c != '-' && c != '‐' && c != '‑' && c != '–') {
        mark = true;
      }
    }
    if (word.length() > 0) {
      tokens.add(word.toString());
    }
    return tokens;
  }

  private static List<String> list(String kind, String language) {
    String name = RESOURCES + kind + "." + language + ".txt";
    InputStream in = SmsKeywords.class.getResourceAsStream(name);
    if (in == null) {
      return List.of();
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the keyword list " + name, e);
    }
  }
}
