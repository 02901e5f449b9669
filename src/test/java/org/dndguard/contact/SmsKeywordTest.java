package org.dndguard.contact;

import static org.assertj.core.api.Assertions.assertThat;

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
  @ValueSource(strings = {"stop please", "please stop", "STOP STOP", "stopp", "", "   ", "Hello", "OPT OUT", "s t o p"})
  void ordinaryTexts(String body) {
    assertThat(SmsKeyword.of(body)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {" stop ", "Stop!!", "...STOP"})
  void theWordIsReportedInUpperCase(String body) {
    assertThat(SmsKeyword.of(body)).map(SmsKeyword::word).contains("STOP");
  }
}
