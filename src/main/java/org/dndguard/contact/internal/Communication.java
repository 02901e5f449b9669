package org.dndguard.contact.internal;

import java.time.Instant;
import java.util.Objects;
import org.dndguard.contact.Channel;

/**
 * One communication that went out to a contact, as communication limits count it.
 *
 * @param channel its channel
 * @param topic what it was about, or null
 * @param at when it went out (a step ran, a provider accepted a message)
 */
public record Communication(Channel channel, String topic, Instant at) {

  public Communication {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(at, "at");
  }
}
