package org.dndguard.contact;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.dndguard.contact.internal.AddressNormalizer;

/**
 * A contact's addresses, already normalised (see {@link AddressNormalizer}). Every address is
 * optional.
 */
public record ContactAddresses(String phone, String email, String whatsapp, String facebook, String gmb) {

  public static ContactAddresses none() {
    return new ContactAddresses(null, null, null, null, null);
  }

  public Optional<String> get(AddressKind kind) {
    return Optional.ofNullable(switch (kind) {
      case PHONE -> phone;
      case EMAIL -> email;
      case WHATSAPP -> whatsapp;
      case FACEBOOK -> facebook;
      case GMB -> gmb;
    });
  }

  /** The address that a message on the channel goes to. */
  public Optional<String> forChannel(Channel channel) {
    return get(channel.addressKind());
  }

  /** The addresses that are set, by kind. */
  public Map<AddressKind, String> asMap() {
    Map<AddressKind, String> map = new EnumMap<>(AddressKind.class);
    for (AddressKind kind : AddressKind.values()) {
      get(kind).ifPresent(address -> map.put(kind, address));
    }
    return map;
  }

  public static ContactAddresses fromMap(Map<AddressKind, String> map) {
    return new ContactAddresses(map.get(AddressKind.PHONE), map.get(AddressKind.EMAIL),
        map.get(AddressKind.WHATSAPP), map.get(AddressKind.FACEBOOK), map.get(AddressKind.GMB));
  }
}
