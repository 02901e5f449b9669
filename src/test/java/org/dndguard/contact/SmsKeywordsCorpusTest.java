package org.dndguard.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.dndguard.contact.internal.SmsKeywords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The labelled reply corpus ({@code opt-out-corpus.tsv}): every labelled opt-out is recognised, in
 * the language its confirmation must be in; no ordinary text is taken for one; opt-in and help
 * replies stay what they are. The figures are printed once the corpus has run.
 */
class SmsKeywordsCorpusTest {

  private static final AtomicInteger OPT_OUTS = new AtomicInteger();
  private static final AtomicInteger RECOGNISED = new AtomicInteger();
  private static final AtomicInteger ORDINARY = new AtomicInteger();
  private static final AtomicInteger FALSE_POSITIVES = new AtomicInteger();

  record Reply(String label, String language, String text) {
    @Override
    public String toString() {
      return label + " [" + language + "] \"" + text + "\"";
    }
  }

  static List<Reply> corpus() throws IOException {
    List<Reply> replies = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
        SmsKeywordsCorpusTest.class.getResourceAsStream("opt-out-corpus.tsv")), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t", -1);
        assertThat(columns).as("label, language and text in %s", line).hasSize(3);
        replies.add(new Reply(columns[0], columns[1], columns[2]));
      }
    }
    return replies;
  }

  static Stream<Reply> optOuts() throws IOException {
    return corpus().stream().filter(r -> r.label().equals("opt-out"));
  }

  static Stream<Reply> ordinaryTexts() throws IOException {
    return corpus().stream().filter(r -> r.label().equals("ordinary"));
  }

  static Stream<Reply> otherKeywords() throws IOException {
    return corpus().stream().filter(r -> r.label().equals("opt-in") || r.label().equals("help"));
  }

  @Test
  void theCorpusHasAtLeast150LabelledRepliesInEachLanguage() throws IOException {
    List<Reply> corpus = corpus();

    assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
    assertThat(corpus).extracting(Reply::label).containsOnly("opt-out", "ordinary", "opt-in", "help");
    for (String language : SmsKeywords.LANGUAGES) {
      assertThat(corpus).filteredOn(r -> r.language().equals(language) && r.label().equals("opt-out"))
          .as("opt-outs in %s", language).hasSizeGreaterThanOrEqualTo(20);
      assertThat(corpus).filteredOn(r -> r.language().equals(language) && r.label().equals("ordinary"))
          .as("ordinary texts in %s", language).hasSizeGreaterThanOrEqualTo(9);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optOuts")
  void everyLabelledOptOutIsRecognisedInItsLanguage(Reply reply) {
    OPT_OUTS.incrementAndGet();
    Optional<SmsKeyword> keyword = SmsKeyword.of(reply.text());

    assertThat(keyword).as("'%s' is an opt-out", reply.text()).map(SmsKeyword::type).contains(SmsKeyword.Type.OPT_OUT);
    RECOGNISED.incrementAndGet();
    assertThat(keyword.get().language()).as("the language of '%s' (matched %s)", reply.text(), keyword.get())
        .isEqualTo(reply.language());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ordinaryTexts")
  void noLabelledOrdinaryTextIsTakenForAnOptOut(Reply reply) {
    ORDINARY.incrementAndGet();
    Optional<SmsKeyword> keyword = SmsKeyword.of(reply.text());
    if (keyword.isPresent()) {
      FALSE_POSITIVES.incrementAndGet();
    }

    assertThat(keyword).as("'%s' is an ordinary text", reply.text()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherKeywords")
  void optInAndHelpStayWhatTheyAre(Reply reply) {
    SmsKeyword.Type expected = reply.label().equals("opt-in") ? SmsKeyword.Type.OPT_IN : SmsKeyword.Type.HELP;

    assertThat(SmsKeyword.of(reply.text())).map(SmsKeyword::type).contains(expected);
    assertThat(SmsKeyword.of(reply.text())).map(SmsKeyword::language).contains(reply.language());
  }

  @AfterAll
  static void printTheFigures() {
    System.out.printf("Opt-out corpus: %d of %d labelled opt-outs recognised; %d false positives among %d ordinary"
        + " texts; %d replies in all%n", RECOGNISED.get(), OPT_OUTS.get(), FALSE_POSITIVES.get(), ORDINARY.get(),
        OPT_OUTS.get() + ORDINARY.get());
  }
}
