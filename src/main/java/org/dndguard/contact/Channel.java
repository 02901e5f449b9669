package org.dndguard.contact;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An outbound communication channel. */
public enum Channel {
  CALL(AddressKind.PHONE),
  EMAIL(AddressKind.EMAIL),
  SMS(AddressKind.PHONE),
  WHATSAPP(AddressKind.WHATSAPP),
  FACEBOOK(AddressKind.FACEBOOK),
  GMB(AddressKind.GMB);

  private final AddressKind addressKind;

  Channel(AddressKind addressKind) {
    this.addressKind = addressKind;
  }

  /** The kind of contact address a message on this channel goes to. */
  public AddressKind addressKind() {
    return addressKind;
  }

  /** The valid channel names, comma separated, for error messages. */
  public static String validNames() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /**
   * Parses a channel name in any case, ignoring surrounding blanks.
   *
   * @throws InvalidDndInputException naming the valid channels when the name is not one
   */
  public static Channel parse(String name) {
    return EnumNames.find(Channel.class, name).orElseThrow(() -> new InvalidDndInputException("channel",
        "Unknown channel '" + name + "'; valid channels are " + validNames()));
  }
}
