package org.dndguard.contact;

import java.util.Locale;

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
    if (name != null) {
      String normalised = name.trim().toUpperCase(Locale.ROOT);
      for (InboundChannel channel : values()) {
        if (channel.name().equals(normalised)) {
          return channel;
        }
      }
    }
    throw new InvalidDndInputException("channel",
        "Unknown inbound channel '" + name + "'; inbound DND exists for CALL and SMS only");
  }
}
