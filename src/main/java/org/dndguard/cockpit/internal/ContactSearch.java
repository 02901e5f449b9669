package org.dndguard.cockpit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.contact.internal.ContactIds;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.store.ContactService;

/**
 * Finds contacts by what an operator has at hand: the contact id, a phone number in any format the
 * API accepts ({@code (415) 555-0100}, {@code +1 415 555 0100}), or an e-mail address in any case.
 * Addresses are normalised exactly as the API normalises them, by DND Guard's {@link AddressNormalizer}.
 */
public class ContactSearch {

  // what a phone number can be written with; a query of these with enough digits is tried as one
  private static final Pattern PHONE_LIKE = Pattern.compile("^[+\\d\\s().\\-/]+$");
  private static final int MIN_PHONE_DIGITS = 5;

  private final ContactService contacts;
  private final AddressNormalizer normalizer;

  public ContactSearch(ContactService contacts, AddressNormalizer normalizer) {
    this.contacts = Objects.requireNonNull(contacts, "contacts");
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
  }

  /**
   * The contacts the query names, each once, with how it matched.
   *
   * @throws InvalidDndInputException when the query is blank or too long
   */
  public Result find(String query) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty()) {
      throw new InvalidDndInputException("q", "Type a contact id, a phone number or an e-mail address to search for");
    }
    if (q.length() > ContactIds.MAX_LENGTH) {
      throw new InvalidDndInputException("q", "The search is " + q.length() + " characters long; at most "
          + ContactIds.MAX_LENGTH + " are allowed");
    }
    Map<String, Match> matches = new LinkedHashMap<>();
    List<String> readAs = new ArrayList<>();
    contacts.get(q).ifPresent(contact -> matches.put(contact.id(), new Match(contact.id(), "contact id")));
    if (q.contains("@")) {
      byAddress(AddressKind.EMAIL, q, matches, readAs);
    } else if (PHONE_LIKE.matcher(q).matches() && q.chars().filter(Character::isDigit).count() >= MIN_PHONE_DIGITS) {
      byAddress(AddressKind.PHONE, q, matches, readAs);
      byAddress(AddressKind.WHATSAPP, q, matches, readAs);
    }
    return new Result(q, List.copyOf(readAs), List.copyOf(matches.values()));
  }

  private void byAddress(AddressKind kind, String q, Map<String, Match> matches, List<String> readAs) {
    String normalized;
    try {
      normalized = normalizer.normalize(kind, q);
    } catch (InvalidDndInputException e) {
      return; // not an address of this kind: the id match (if any) stands
    }
    String label = label(kind) + " " + normalized;
    if (!readAs.contains(label)) {
      readAs.add(label);
    }
    for (String contactId : contacts.contactsWithAddress(kind, normalized)) {
      matches.putIfAbsent(contactId, new Match(contactId, label));
    }
  }

  private static String label(AddressKind kind) {
    return switch (kind) {
      case PHONE -> "phone";
      case EMAIL -> "e-mail";
      case WHATSAPP -> "WhatsApp";
      case FACEBOOK -> "Facebook";
      case GMB -> "Google Business Messages";
    };
  }

  /**
   * @param query the query as searched, trimmed
   * @param readAs the addresses the query was read as, normalised (e.g. "phone +14155550100")
   * @param matches the contacts found
   */
  public record Result(String query, List<String> readAs, List<Match> matches) {
  }

  /** A contact found, and by what. */
  public record Match(String contactId, String matchedBy) {
  }
}
