package org.dndguard.contact;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The SMS keywords a contact can text: opt-out, opt-in and help. A keyword is the whole message:
 * one word, any case, with spaces and punctuation around it ignored ("Stop." is STOP, "stop
 * please" is not a keyword).
 *
 * @param type what the keyword asks for
 * @param word the keyword as recognised, upper case
 */
public record SmsKeyword(Type type, String word) {

  public enum Type { OPT_OUT, OPT_IN, HELP }

  public static final Set<String> OPT_OUT_WORDS =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
  public static final Set<String> OPT_IN_WORDS = Set.of("START", "UNSTOP", "YES");
  public static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");

  /** The keyword a message body is, or empty when it is an ordinary text. */
  public static Optional<SmsKeyword> of(String body) {
    if (body == null) {
      return Optional.empty();
    }
    // NFKC first: a phone's full-width or styled letters (ＳＴＯＰ) are the keyword they look like
    String word = stripPunctuation(Normalizer.normalize(body, Normalizer.Form.NFKC)).toUpperCase(Locale.ROOT);
    if (OPT_OUT_WORDS.contains(word)) {
      return Optional.of(new SmsKeyword(Type.OPT_OUT, word));
    }
    if (OPT_IN_WORDS.contains(word)) {
      return Optional.of(new SmsKeyword(Type.OPT_IN, word));
    }
    if (HELP_WORDS.contains(word)) {
      return Optional.of(new SmsKeyword(Type.HELP, word));
    }
    return Optional.empty();
  }

  private static String stripPunctuation(String body) {
    int start = 0;
    int end = body.length();
    while (start < end && !Character.isLetterOrDigit(body.codePointAt(start))) {
      start += Character.charCount(body.codePointAt(start));
    }
    while (end > start && !Character.isLetterOrDigit(body.codePointBefore(end))) {
      end -= Character.charCount(body.codePointBefore(end));
    }
    return body.substring(start, end);
  }
}
