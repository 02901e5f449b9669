package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.dndguard.contact.SmsKeyword;
import org.dndguard.provider.internal.TwilioWebhooks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code dnd.keywords.*}: defaults, a deployment's own words, lists switched off, refused values. */
class KeywordPropertiesTest {

  private final ApplicationContextRunner context = DndPropertiesContext.runner();

  @Test
  void defaults() {
    context.run(ctx -> {
      KeywordProperties keywords = ctx.getBean(DndProperties.class).keywords();
      assertThat(keywords).isEqualTo(new KeywordProperties(List.of("en", "es", "fr"), true, true, Map.of(), Map.of(),
          Map.of(), false));
      TwilioWebhooks.Keywords bound = keywords.keywords();
      assertThat(bound.revokeAll()).isFalse();
      assertThat(bound.optOutReplies()).isEqualTo(TwilioWebhooks.Keywords.DEFAULT_OPT_OUT_REPLIES);
      assertThat(bound.lists().recognise("no más")).map(SmsKeyword::language).contains("es");
      assertThat(bound.lists().recognise("leave me alone")).map(SmsKeyword::rule).contains(SmsKeyword.Rule.PHRASE_LIST);
    });
  }

  @Test
  void overrides() {
    context.withPropertyValues("dnd.keywords.languages=en", "dnd.keywords.phrases=false",
            "dnd.keywords.extra-opt-out-keywords.de=HALT,STOPP BITTE", "dnd.keywords.extra-opt-out-phrases.en=go away",
            "dnd.keywords.opt-out-replies.de=Abgemeldet.", "dnd.keywords.opt-out-replies.es=Baja confirmada.",
            "dnd.keywords.revoke-all=true")
        .run(ctx -> {
          TwilioWebhooks.Keywords keywords = ctx.getBean(DndProperties.class).keywords().keywords();
          assertThat(keywords.revokeAll()).isTrue();
          assertThat(keywords.optOutReplies()).containsEntry("de", "Abgemeldet.").containsEntry("es", "Baja confirmada.")
              .containsEntry("fr", TwilioWebhooks.Keywords.DEFAULT_OPT_OUT_REPLIES.get("fr"));
          assertThat(keywords.lists().recognise("Stopp bitte!")).contains(
              new SmsKeyword(SmsKeyword.Type.OPT_OUT, "STOPP BITTE", "de", SmsKeyword.Rule.EXACT_KEYWORD));
          assertThat(keywords.lists().recognise("just go away")).map(SmsKeyword::word).contains("go away");
          assertThat(keywords.lists().recognise("ALTO")).as("Spanish off").isEmpty();
          assertThat(keywords.lists().recognise("leave me alone")).as("phrase lists off").isEmpty();
          assertThat(keywords.lists().recognise("please stop")).as("rule words still on").isPresent();
        });
  }

  @Test
  void anUnknownLanguageStopsTheApplicationNamingTheProperty() {
    context.withPropertyValues("dnd.keywords.languages=en,de")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessage("Unknown keyword language 'de'; the built-in"
            + " lists are en, es, fr (add other languages' words as extra keywords and phrases)"));
    context.withPropertyValues("dnd.keywords.languages=en,de")
        .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("dnd.keywords: Unknown keyword language 'de'"));
  }
}
