package org.dndguard.contact.internal;

import java.util.regex.Pattern;
import org.dndguard.contact.InvalidDndInputException;

/**
 * Topic names: what a message is about (a newsletter, invoices), so that a contact can leave one
 * topic and keep the others. A name is lower case letters, digits and single dashes between
 * them, at most 64 characters: {@code newsletter}, {@code product-news-2027}.
 */
public final class Topics {

  /** The longest topic name. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private Topics() {
  }

  /**
   * The topic name, trimmed.
   *
   * @throws InvalidDndInputException naming the rule when the name is blank, too long or has
   *     other characters
   */
  public static String require(String topic) {
    String name = topic == null ? "" : topic.trim();
    if (name.isEmpty()) {
      throw new InvalidDndInputException("topic", "The topic is blank; give a name of lower case letters, digits"
          + " and dashes, e.g. newsletter");
    }
    if (name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
      throw new InvalidDndInputException("topic", "The topic '" + abbreviate(name) + "' is not a topic name; use"
          + " lower case letters, digits and single dashes between them (at most " + MAX_LENGTH
          + " characters), e.g. newsletter or product-news");
    }
    return name;
  }

  /** Whether the text is a valid topic name. */
  public static boolean isValid(String topic) {
    return topic != null && topic.length() <= MAX_LENGTH && NAME.matcher(topic).matches();
  }

  private static String abbreviate(String name) {
    return name.length() <= 80 ? name : name.substring(0, 80) + "...";
  }
}
