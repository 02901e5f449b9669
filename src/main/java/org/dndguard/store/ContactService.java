package org.dndguard.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dndguard.InternalApi;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.ContactIds;
import org.dndguard.contact.internal.ContactTimeZone;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.store.internal.DndRepository;

/**
 * Registers contacts and their addresses. A contact that gets an address inherits the opt-outs kept
 * for it (an unknown number that texted STOP, an e-mail address that bounced before the contact
 * existed).
 */
public class ContactService {

  private final DndService dnd;
  private final DndRepository repository;
  private final AddressNormalizer normalizer;
  private final ContactDirectory directory;

  @InternalApi
  public ContactService(DndService dnd, AddressNormalizer normalizer) {
    this(dnd, normalizer, null);
  }

  /**
   * @param directory the host's contact directory, from which unknown contacts are registered on
   *     first use; null for none (unknown contacts fail closed)
   */
  @InternalApi
  public ContactService(DndService dnd, AddressNormalizer normalizer, ContactDirectory directory) {
    this.dnd = dnd;
    this.repository = dnd.repository();
    this.normalizer = normalizer;
    this.directory = directory;
    if (directory != null) {
      // DND Guard's reads of a contact (the guard's among them) go through DndService
      dnd.registerOnFirstUse(this::registerFromDirectory);
    }
  }

  /**
   * The contact; one DND Guard has not seen is registered from the contact directory first, when
   * there is one and it knows the contact.
   */
  public Optional<Contact> find(String contactId) {
    Optional<Contact> contact = get(contactId);
    if (contact.isPresent() || directory == null) {
      return contact;
    }
    return registerFromDirectory(ContactIds.require(contactId)) ? get(contactId) : Optional.empty();
  }

  /** Registers the contact from the directory; false when the directory does not know it. */
  private boolean registerFromDirectory(String contactId) {
    Optional<ContactAddresses> addresses = directory.addressesOf(contactId);
    if (addresses == null || addresses.isEmpty()) {
      return false;
    }
    register(contactId, addresses.get(), Evidence.builder(Source.DIRECTORY, dnd.clock().instant())
        .actor("contact directory").note("registered on first use from the host's contact directory").build());
    return true;
  }

  /**
   * Creates the contact or replaces its addresses. Addresses are normalised first; a malformed one
   * is refused before anything changes.
   *
   * @param evidence who registers it, for the audit trail
   * @return the contact as stored
   */
  public Contact register(String contactId, ContactAddresses raw, Evidence evidence) {
    return register(contactId, raw, Optional.empty(), evidence);
  }

  /**
   * Creates the contact or replaces its addresses and its time zone, which is checked first.
   *
   * @param timeZone the contact's IANA time zone; null removes it (the zone then comes from the
   *     phone number)
   * @throws org.dndguard.contact.InvalidDndInputException when the zone or an address is malformed;
   *     nothing changes
   */
  public Contact register(String contactId, ContactAddresses raw, String timeZone, Evidence evidence) {
    return register(contactId, raw, Optional.of(Optional.ofNullable(timeZone)), evidence);
  }

  private Contact register(String contactId, ContactAddresses raw, Optional<Optional<String>> timeZone,
      Evidence evidence) {
    String id = ContactIds.require(contactId);
    ContactAddresses normalised = normalizer.normalize(Objects.requireNonNull(raw, "addresses"));
    Optional<Optional<String>> zone = timeZone.map(z -> z.map(value -> ContactTimeZone.parseZone(value).getId()));
    return dnd.required().execute(tx -> {
      // the lock order of every change: addresses (sorted) first, then the contact
      Map<AddressKind, String> wanted = normalised.asMap();
      wanted.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> repository.lockAddress(e.getKey(), e.getValue()));
      boolean created = repository.createContactIfAbsent(id, dnd.clock().instant());
      repository.lockContact(id);
      Map<AddressKind, String> before = repository.addresses(id).asMap();
      if (created || !before.equals(wanted)) {
        repository.replaceAddresses(id, normalised);
        repository.touchContact(id, dnd.clock().instant());
        dnd.audit().append(AuditRecord.of(id, AuditAction.ADDRESSES_CHANGED, evidence,
            (created ? "registered; " : "") + "addresses: " + describe(wanted), dnd.clock().instant()));
      }
      List<Map.Entry<AddressKind, String>> gained = wanted.entrySet().stream()
          .filter(e -> !e.getValue().equals(before.get(e.getKey())))
          .sorted(Map.Entry.comparingByKey())
          .toList();
      for (Map.Entry<AddressKind, String> address : gained) {
        inheritAddressEntries(id, address.getKey(), address.getValue());
      }
      if (zone.isPresent() && !zone.get().equals(repository.timeZone(id))) {
        repository.updateTimeZone(id, zone.get().orElse(null));
        repository.touchContact(id, dnd.clock().instant());
        dnd.audit().append(AuditRecord.of(id, AuditAction.ADDRESSES_CHANGED, evidence,
            "time zone: " + zone.get().orElse("none (from the phone number)"), dnd.clock().instant()));
      }
      return get(id).orElseThrow();
    });
  }

  /** The contact, if registered. */
  public Optional<Contact> get(String contactId) {
    String id = ContactIds.require(contactId);
    return repository.contactCreatedAt(id)
        .map(created -> new Contact(id, repository.addresses(id), created, repository.timeZone(id).orElse(null)));
  }

  /** The contacts that have the address (normalised first). */
  public List<String> contactsWithAddress(AddressKind kind, String rawAddress) {
    return dnd.contactsWithAddress(kind, rawAddress);
  }

  private void inheritAddressEntries(String contactId, AddressKind kind, String address) {
    List<DndEntry> kept = new ArrayList<>(repository.addressEntries(kind, address));
    kept.sort(Comparator.comparing(DndEntry::target).thenComparing(DndEntry::reason));
    for (DndEntry entry : kept) {
      Evidence inherited = entry.evidence().withSource(Source.ADDRESS)
          .withNote("inherited from " + kind.name().toLowerCase() + " " + address + ", originally from "
              + entry.evidence().source());
      dnd.applyLocked(contactId, new DndCommand.Set(entry.target(), entry.reason(), inherited), kind, address);
    }
  }

  private static String describe(Map<AddressKind, String> addresses) {
    return addresses.isEmpty() ? "none" : addresses.entrySet().stream()
        .map(e -> e.getKey().name().toLowerCase() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
