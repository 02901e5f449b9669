package org.dndguard.contact;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a DND entry blocks: one outbound channel, every outbound channel ({@link #ALL}), or inbound
 * calls or texts.
 */
public enum DndTarget {
  CALL(Channel.CALL),
  EMAIL(Channel.EMAIL),
  SMS(Channel.SMS),
  WHATSAPP(Channel.WHATSAPP),
  FACEBOOK(Channel.FACEBOOK),
  GMB(Channel.GMB),
  ALL(null),
  INBOUND_CALL(null),
  INBOUND_SMS(null);

  private final Channel channel;

  DndTarget(Channel channel) {
    this.channel = channel;
  }

  public static DndTarget of(Channel channel) {
    return valueOf(channel.name());
  }

  public static DndTarget inbound(InboundChannel channel) {
    return channel == InboundChannel.CALL ? INBOUND_CALL : INBOUND_SMS;
  }

  /** The outbound channel this target is, if it is exactly one. */
  public Optional<Channel> channel() {
    return Optional.ofNullable(channel);
  }

  public boolean isInbound() {
    return this == INBOUND_CALL || this == INBOUND_SMS;
  }

  /** Whether an entry on this target blocks outbound messages on the given channel. */
  public boolean blocks(Channel outbound) {
    return this == ALL || channel == outbound;
  }

  /** A name for messages: {@code SMS}, {@code ALL}, {@code inbound SMS}. */
  public String displayName() {
    return switch (this) {
      case INBOUND_CALL -> "inbound CALL";
      case INBOUND_SMS -> "inbound SMS";
      default -> name();
    };
  }

  /**
   * Parses an outbound channel name or {@code ALL}, in any case.
   *
   * @throws InvalidDndInputException naming the valid values when the name is not one
   */
  public static DndTarget parseOutbound(String name) {
    if (name != null && name.trim().equalsIgnoreCase("ALL")) {
      return ALL;
    }
    try {
      return of(Channel.parse(name));
    } catch (InvalidDndInputException e) {
      throw new InvalidDndInputException("channel",
          "Unknown channel '" + name + "'; valid channels are " + Channel.validNames() + " and ALL");
    }
  }

  /** Every outbound target name, for error messages and documentation. */
  public static String outboundNames() {
    return Arrays.stream(values()).filter(t -> !t.isInbound()).map(Enum::name)
        .collect(Collectors.joining(", "));
  }

  static DndTarget fromStored(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
