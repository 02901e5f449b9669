package org.dndguard.contact;

/** A channel on which a contact can reach us, and on which inbound DND can be set. */
public enum InboundChannel {
  CALL,
  SMS;

  /**
   * Parses an inbound channel name in any case.
   *
   * @throws InvalidDndInputException naming the valid values when the name is not one
   */
  public static InboundChannel parse(String name) {
    return EnumNames.find(InboundChannel.class, name).orElseThrow(() -> new InvalidDndInputException("channel",
        "Unknown inbound channel '" + name + "'; inbound DND exists for CALL and SMS only"));
  }
}
