package org.dndguard.messaging.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dndguard.contact.Channel;
import org.dndguard.messaging.MessageDispatcher;
import org.dndguard.messaging.NoProviderException;

/**
 * Which dispatcher sends each channel: the one provider for it, or else the log-only fallback when
 * the deployment chose it ({@code dnd.messaging.dispatch.log-only=true}). A channel with neither has
 * no dispatcher: messages for it are refused, never pretended sent.
 */
public final class MessageDispatchers {

  private final Map<Channel, MessageDispatcher> routes = new EnumMap<>(Channel.class);

  /**
   * @param providers the dispatchers of real providers, at most one per channel
   * @param fallback the dispatcher of every channel that no provider sends (the logging one); null
   *     for none, so that such channels refuse messages
   * @throws IllegalStateException when two providers claim one channel
   */
  public MessageDispatchers(List<? extends MessageDispatcher> providers, MessageDispatcher fallback) {
    for (MessageDispatcher provider : providers) {
      for (Channel channel : provider.channels()) {
        MessageDispatcher other = routes.putIfAbsent(channel, provider);
        if (other != null) {
          throw new IllegalStateException("Both the '" + other.name() + "' and the '" + provider.name()
              + "' dispatcher send " + channel + "; DND Guard takes one dispatcher per channel: configure or"
              + " define only one of them");
        }
      }
    }
    if (fallback != null) {
      for (Channel channel : fallback.channels()) {
        routes.putIfAbsent(channel, fallback);
      }
    }
  }

  /** The dispatcher of the channel; empty when none sends it. */
  public Optional<MessageDispatcher> find(Channel channel) {
    return Optional.ofNullable(routes.get(channel));
  }

  /**
   * The dispatcher of the channel.
   *
   * @throws NoProviderException when no dispatcher sends it, naming the property to set
   */
  public MessageDispatcher forChannel(Channel channel) {
    return find(channel).orElseThrow(() -> new NoProviderException(null, channel));
  }

  /** The channels the dispatcher sends, e.g. those the log-only fallback took because no provider sends them. */
  public List<Channel> channelsOf(MessageDispatcher dispatcher) {
    return routes.entrySet().stream().filter(route -> route.getValue() == dispatcher).map(Map.Entry::getKey)
        .toList();
  }

  /** The name of each channel's dispatcher, for the log at start. */
  public Map<Channel, String> routes() {
    Map<Channel, String> names = new EnumMap<>(Channel.class);
    routes.forEach((channel, dispatcher) -> names.put(channel, dispatcher.name()));
    return names;
  }
}
