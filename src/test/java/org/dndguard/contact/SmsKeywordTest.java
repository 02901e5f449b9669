package org.dndguard.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.dndguard.contact.internal.SmsKeywords;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsKeywordTest {

  @ParameterizedTest
  @ValueSource(strings = {"STOP", "stop", " Stop. ", "STOPALL", "unsubscribe", "CANCEL", "end", "QUIT!",
      "revoke", "OptOut", "\"stop\"", "¡STOP!"})
  void optOutKeywords(String body) {
    assertThat(SmsKeyword.of(body)).map(SmsKeyword::type).contains(SmsKeyword.Type.OPT_OUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"START", "start", "Unstop", " yes. "})
  void optInKeywords(String body) {
    assertThat(SmsKeyword.of(body)).map(SmsKeyword::type).contains(SmsKeyword.Type.OPT_IN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HELP", "help?", "Info"})
  void helpKeywords(String body) {
    assertThat(SmsKeyword.of(body)).map(SmsKeyword::type).contains(SmsKeyword.Type.HELP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "Hello", "s t o p", "stopit", "see you at the end of the week",
      "can I cancel my appointment?", "don't stop believing", "don't stop texting me", "please stop by"})
  void ordinaryTexts(String body) {
    assertThat(SmsKeyword.of(body)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"OPT OUT", "opt-out", "Opt Out.", "STOP STOP", "stopp"})
  void theRulesSpellingsAndRepeatsAreExactKeywords(String body) {
    assertThat(SmsKeyword.of(body)).get().satisfies(keyword -> {
      assertThat(keyword.type()).isEqualTo(SmsKeyword.Type.OPT_OUT);
      assertThat(keyword.rule()).isEqualTo(SmsKeyword.Rule.EXACT_KEYWORD);
      assertThat(keyword.language()).isEqualTo("en");
    });
  }

  @Test
  void accentsCaseAndWidthAreFoldedAndTheListsSpellingIsReported() {
    assertThat(SmsKeyword.of("arret")).contains(
        new SmsKeyword(SmsKeyword.Type.OPT_OUT, "ARRÊT", "fr", SmsKeyword.Rule.EXACT_KEYWORD));
    assertThat(SmsKeyword.of("¡NO MAS!")).contains(
        new SmsKeyword(SmsKeyword.Type.OPT_OUT, "NO MÁS", "es", SmsKeyword.Rule.EXACT_KEYWORD));
    assertThat(SmsKeywords.fold("¡No MÁS, por favor! Don’t")).isEqualTo("no mas por favor dont");
  }

  @Test
  void aPhraseUsingTheRulesWordsIsARuleWordAndAnotherPhraseIsAPhraseList() {
    // the first phrase in the reply names the match
    assertThat(SmsKeyword.of("Please stop texting me")).contains(
        new SmsKeyword(SmsKeyword.Type.OPT_OUT, "please stop", "en", SmsKeyword.Rule.RULE_WORD));
    assertThat(SmsKeyword.of("STOP texting me!!")).contains(
        new SmsKeyword(SmsKeyword.Type.OPT_OUT, "stop texting", "en", SmsKeyword.Rule.RULE_WORD));
    assertThat(SmsKeyword.of("just leave me alone!!")).contains(
        new SmsKeyword(SmsKeyword.Type.OPT_OUT, "leave me alone", "en", SmsKeyword.Rule.PHRASE_LIST));
    assertThat(SmsKeyword.of("Por favor no me escriban")).contains(
        new SmsKeyword(SmsKeyword.Type.OPT_OUT, "no me escriban", "es", SmsKeyword.Rule.PHRASE_LIST));
  }

  @Test
  void phrasesMatchOnWordBoundariesOnly() {
    assertThat(SmsKeyword.of("stop itinerary")).isEmpty();
    assertThat(SmsKeyword.of("nonstop it")).isEmpty();
    assertThat(SmsKeyword.of("ok, stop it")).map(SmsKeyword::word).contains("stop it");
  }

  @Test
  void aNegationRightBeforeAPhraseUndoesItButNotAcrossAMark() {
    assertThat(SmsKeyword.of("please don't stop texting me")).isEmpty();
    assertThat(SmsKeyword.of("No dejen de enviarme ofertas")).isEmpty();
    assertThat(SmsKeyword.of("Don't. Stop texting me")).map(SmsKeyword::word).contains("stop texting");
  }

  @Test
  void aDeploymentAddsKeywordsAndPhrasesAndSwitchesListsOff() {
    SmsKeywords keywords = new SmsKeywords(List.of("en"), false, false,
        Map.of("de", List.of("HALT")), Map.of("en", List.of("go away")));

    assertThat(keywords.recognise("halt!")).contains(
        new SmsKeyword(SmsKeyword.Type.OPT_OUT, "HALT", "de", SmsKeyword.Rule.EXACT_KEYWORD));
    assertThat(keywords.recognise("please just go away")).contains(
        new SmsKeyword(SmsKeyword.Type.OPT_OUT, "go away", "en", SmsKeyword.Rule.PHRASE_LIST));
    assertThat(keywords.recognise("Please stop texting me")).as("rule words off").isEmpty();
    assertThat(keywords.recognise("leave me alone")).as("phrase lists off").isEmpty();
    assertThat(keywords.recognise("ALTO")).as("Spanish off").isEmpty();
    assertThat(keywords.recognise("STOP")).map(SmsKeyword::type).contains(SmsKeyword.Type.OPT_OUT);
  }

  @Test
  void anUnknownLanguageStopsTheStartNamingTheBuiltInOnes() {
    assertThatThrownBy(() -> new SmsKeywords(List.of("en", "de"), true, true, Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown keyword language 'de'; the built-in lists are en, es, fr (add other languages'"
            + " words as extra keywords and phrases)");
    assertThatThrownBy(() -> new SmsKeywords(List.of("en"), true, true, Map.of("Spanish", List.of("YA")), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Spanish' is not a two- or three-letter language code");
  }

  @ParameterizedTest
  @ValueSource(strings = {" stop ", "Stop!!", "...STOP"})
  void theWordIsReportedInUpperCase(String body) {
    assertThat(SmsKeyword.of(body)).map(SmsKeyword::word).contains("STOP");
  }
}
